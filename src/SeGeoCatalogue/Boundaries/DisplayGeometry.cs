using NetTopologySuite.Coverage;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace SeGeoCatalogue.Boundaries;

/// <summary>
/// Display geometries: all units of one level simplified together as a coverage, so shared edges are
/// simplified once and neighbours keep meeting. PostGIS 3.3 has no ST_CoverageSimplify (3.4+), so this
/// one step uses NetTopologySuite's CoverageSimplifier; it runs at import, never per request.
/// </summary>
public static class DisplayGeometry
{
    public static async Task RefreshAsync(NpgsqlConnection conn, AdminLevel level, double tolerance, CancellationToken ct)
    {
        var pcodes = new List<string>();
        var geoms = new List<Geometry>();
        await using (var cmd = new NpgsqlCommand("SELECT pcode, geom FROM admin_units WHERE level = @level AND retired_at IS NULL ORDER BY pcode", conn))
        {
            cmd.Parameters.AddWithValue("level", (short)level);
            await using var rows = await cmd.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct))
            {
                pcodes.Add(rows.GetString(0));
                geoms.Add(rows.GetFieldValue<Geometry>(1));
            }
        }
        if (geoms.Count == 0) return;

        var simplified = CoverageSimplifier.Simplify(geoms.ToArray(), tolerance);

        await using (var cmd = new NpgsqlCommand("CREATE TEMP TABLE display_staging (pcode text, g geometry) ON COMMIT DROP", conn))
            await cmd.ExecuteNonQueryAsync(ct);
        await using (var copy = await conn.BeginBinaryImportAsync("COPY display_staging (pcode, g) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < pcodes.Count; i++)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(pcodes[i], NpgsqlDbType.Text, ct);
                await copy.WriteAsync(simplified[i], ct);
            }
            await copy.CompleteAsync(ct);
        }
        // A unit too small to survive simplification keeps its full geometry rather than vanishing.
        await using (var cmd = new NpgsqlCommand("""
            UPDATE admin_units a SET display_geom = CASE
                WHEN ST_IsEmpty(d.repaired) THEN a.geom ELSE ST_ForcePolygonCCW(d.repaired) END
            FROM (SELECT pcode, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(g, 4326)), 3)) AS repaired
                  FROM display_staging) d
            WHERE a.pcode = d.pcode;
            DROP TABLE display_staging;
            """, conn) { CommandTimeout = BoundaryImporter.LongStatementSeconds })
            await cmd.ExecuteNonQueryAsync(ct);
    }
}
