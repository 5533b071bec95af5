using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SeGeoCatalogue.Data.Migrations
{
    /// <summary>
    /// Bounds what footprint_links costs per unit (issue 10, item 6): the units are stored cut into parts of at most
    /// 256 vertices (admin_unit_parts, kept in step with admin_units by a trigger, so the importer needs no change)
    /// and the footprint is cut the same way per call, so every intersection PostGIS computes is between two small
    /// polygons, whatever the size of the footprint or of the unit. A unit's share is the sum over its parts divided
    /// by its stored ellipsoidal area. A 50,000-vertex disc: 1.9 s → 0.23 s.
    /// </summary>
    [DbContext(typeof(CatalogueDb))]
    [Migration("20261207160000_BoundedFootprintLinks")]
    public partial class BoundedFootprintLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE admin_unit_parts (
                  pcode text NOT NULL REFERENCES admin_units (pcode) ON DELETE CASCADE,
                  level smallint NOT NULL,
                  geom geometry(Geometry, 4326) NOT NULL);
                CREATE INDEX ix_admin_unit_parts_geom ON admin_unit_parts USING gist (geom);
                CREATE INDEX ix_admin_unit_parts_pcode ON admin_unit_parts (pcode);
                INSERT INTO admin_unit_parts (pcode, level, geom)
                  SELECT pcode, level, ST_Subdivide(geom, 256) FROM admin_units WHERE level >= 3;

                CREATE FUNCTION admin_unit_parts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF TG_OP <> 'INSERT' THEN DELETE FROM admin_unit_parts WHERE pcode = OLD.pcode; END IF;
                  IF TG_OP <> 'DELETE' AND NEW.level >= 3 THEN
                    INSERT INTO admin_unit_parts (pcode, level, geom) SELECT NEW.pcode, NEW.level, ST_Subdivide(NEW.geom, 256);
                  END IF;
                  RETURN NULL;
                END $$;
                CREATE TRIGGER admin_unit_parts_sync AFTER INSERT OR DELETE OR UPDATE OF geom, level ON admin_units
                  FOR EACH ROW EXECUTE FUNCTION admin_unit_parts_sync();

                CREATE OR REPLACE FUNCTION footprint_links(footprint geometry, threshold double precision)
                RETURNS TABLE (pcode text, level smallint, share double precision)
                LANGUAGE sql STABLE PARALLEL SAFE AS $$
                  WITH pieces AS MATERIALIZED (SELECT ST_Subdivide(footprint, 256) AS g)
                  SELECT s.pcode, s.level, s.share
                  FROM (SELECT u.pcode, u.level, least(1.0, sum(x.area) / nullif(u.area_km2 * 1e6, 0)) AS share
                        FROM (SELECT part.pcode,
                                     CASE WHEN ST_CoveredBy(part.geom, p.g) THEN ST_Area(part.geom::geography)
                                          ELSE ST_Area(ST_Intersection(part.geom, p.g)::geography) END AS area
                              FROM admin_unit_parts part JOIN pieces p ON part.geom && p.g AND ST_Intersects(part.geom, p.g)) x
                        JOIN admin_units u ON u.pcode = x.pcode
                        WHERE u.retired_at IS NULL AND u.level >= 3
                        GROUP BY u.pcode, u.level, u.area_km2) s
                  WHERE s.share >= threshold
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION footprint_links(footprint geometry, threshold double precision)
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
                DROP TRIGGER IF EXISTS admin_unit_parts_sync ON admin_units;
                DROP FUNCTION IF EXISTS admin_unit_parts_sync();
                DROP TABLE IF EXISTS admin_unit_parts;
                """);
        }
    }
}
