using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SeGeoCatalogue.Data.Migrations
{
    /// <inheritdoc />
    public partial class DatasetCatalogue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The one place a footprint becomes links: the write path, the preview, the demo catalogue and the
            // benchmark all call it (set-based through LATERAL). Townships, village-tract layer units and wards it
            // overlaps, with the share of each unit's ellipsoidal area; && first so the GiST index picks candidates,
            // and a unit the footprint covers entirely skips the intersection.
            migrationBuilder.Sql("""
                CREATE FUNCTION footprint_links(footprint geometry, threshold double precision)
                RETURNS TABLE (pcode text, level smallint, share double precision)
                LANGUAGE sql STABLE PARALLEL SAFE AS $$
                  SELECT s.pcode, s.level, s.share
                  FROM (SELECT u.pcode, u.level,
                               CASE WHEN ST_CoveredBy(u.geom, footprint) THEN 1.0
                                    ELSE least(1.0, ST_Area(ST_Intersection(u.geom, footprint)::geography)
                                                    / nullif(ST_Area(u.geom::geography), 0)) END AS share
                        FROM admin_units u
                        WHERE u.retired_at IS NULL AND u.level >= 3
                          AND u.geom && footprint AND ST_Intersects(u.geom, footprint)) s
                  WHERE s.share >= threshold
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS footprint_links(geometry, double precision);");
        }
    }
}
