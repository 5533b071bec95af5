using System.Globalization;
using NetTopologySuite.Geometries;
using Npgsql;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Footprints;

/// <summary>What PostGIS says about a parsed footprint: is it valid (and where not), and does it touch the wider SE.</summary>
public static class FootprintChecks
{
    /// <summary>
    /// The footprint to store (exterior rings counter-clockwise, as RFC 7946 asks; repaired by ST_MakeValid when
    /// <paramref name="repair"/>), or null with the reason added to <paramref name="errors"/>.
    /// </summary>
    public static async Task<MultiPolygon?> CheckAsync(
        NpgsqlConnection conn, MultiPolygon footprint, bool repair, string field, FieldErrors errors, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            WITH i AS (SELECT @g::geometry AS g),
                 v AS (SELECT (ST_IsValidDetail(i.g)).* FROM i),
                 f AS (SELECT ST_Multi(ST_ForcePolygonCCW(CASE WHEN v.valid THEN i.g
                                                                 ELSE ST_CollectionExtract(ST_MakeValid(i.g), 3) END)) AS g
                       FROM i, v)
            SELECT v.valid, v.reason, ST_X(v.location), ST_Y(v.location), f.g,
                   EXISTS (SELECT 1 FROM admin_units u
                           WHERE u.level = 1 AND u.retired_at IS NULL AND u.geom && f.g AND ST_Intersects(u.geom, f.g))
            FROM v, f
            """, conn);
        cmd.Parameters.AddWithValue("g", footprint);
        await using var row = await cmd.ExecuteReaderAsync(ct);
        await row.ReadAsync(ct);
        var valid = row.GetBoolean(0);
        if (!valid && !repair)
        {
            var where = row.IsDBNull(2) ? "" : string.Create(CultureInfo.InvariantCulture, $" near lon {row.GetDouble(2):F4}, lat {row.GetDouble(3):F4}");
            errors.Add(field, $"The footprint is not a valid polygon: {row.GetString(1)}{where}. Redraw the outline there so its edges do not cross, or send \"repair\": true to accept PostGIS's repair (ST_MakeValid).");
            return null;
        }
        var fixedGeometry = row.IsDBNull(4) ? null : row.GetFieldValue<Geometry>(4) as MultiPolygon;
        if (fixedGeometry is null || fixedGeometry.IsEmpty)
        {
            errors.Add(field, "The footprint has no area left after repair; draw an area, not a line.");
            return null;
        }
        if (!row.GetBoolean(5))
        {
            var c = fixedGeometry.EnvelopeInternal.Centre;
            errors.Add(field, string.Create(CultureInfo.InvariantCulture,
                $"The footprint (around lon {c.X:F3}, lat {c.Y:F3}) lies wholly outside the wider SE (Bago East, Kayah, Kayin, Mon, Tanintharyi, Shan South and Shan East); check that positions are [lon, lat]."));
            return null;
        }
        fixedGeometry.SRID = 4326;
        return fixedGeometry;
    }
}
