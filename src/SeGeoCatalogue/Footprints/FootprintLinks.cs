using NetTopologySuite.Geometries;
using Npgsql;
using SeGeoCatalogue.Boundaries;

namespace SeGeoCatalogue.Footprints;

/// <summary>
/// Footprint → links. The computation itself is the SQL function footprint_links(footprint, threshold)
/// (migration DatasetCatalogue), shared by the preview, the write path, the demo catalogue and the benchmark.
/// </summary>
public static class FootprintLinks
{
    public sealed record Unit(string Pcode, string? NameEn, string? NameMy, string Level, double Share);
    public sealed record Preview(IReadOnlyList<Unit> Units, IReadOnlyList<string> Notices);

    public static async Task<Preview> PreviewAsync(NpgsqlConnection conn, MultiPolygon footprint, double threshold, CancellationToken ct)
    {
        var units = new List<Unit>();
        await using (var cmd = new NpgsqlCommand($"""
            SELECT u.pcode, u.name_en, u.name_my, {AdminUnitSql.LevelName}, l.share
            FROM footprint_links(@footprint, @threshold) l JOIN admin_units u USING (pcode, level)
            ORDER BY u.level, u.pcode
            """, conn))
        {
            cmd.Parameters.AddWithValue("footprint", footprint);
            cmd.Parameters.AddWithValue("threshold", threshold);
            await using var rows = await cmd.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct))
                units.Add(new Unit(rows.GetString(0), rows.IsDBNull(1) ? null : rows.GetString(1), rows.IsDBNull(2) ? null : rows.GetString(2),
                    rows.GetString(3), Math.Round(rows.GetDouble(4), 4)));
        }
        return new Preview(units, await NoticesAsync(conn, units.Select(u => u.Pcode).ToArray(), ct));
    }

    /// <summary>Replaces the footprint links of the datasets matching <paramref name="condition"/> (over <c>datasets d</c>) from their stored footprint and threshold, against the current boundary edition.</summary>
    public static async Task ReplaceAsync(NpgsqlConnection conn, string condition, Action<NpgsqlParameterCollection> parameters, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            DELETE FROM dataset_links dl USING datasets d WHERE dl.dataset_id = d.id AND dl.origin = 'footprint' AND ({condition});
            INSERT INTO dataset_links (dataset_id, pcode, origin, share, edition_id)
            SELECT d.id, l.pcode, 'footprint', l.share, (SELECT max(id) FROM boundary_editions)
            FROM datasets d CROSS JOIN LATERAL footprint_links(d.footprint, d.footprint_threshold) l
            WHERE d.footprint IS NOT NULL AND ({condition});
            """, conn) { CommandTimeout = 600 };
        parameters(cmd.Parameters);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>One notice per state of the linked units that has no village-tract polygons: there the footprint links townships only.</summary>
    public static async Task<List<string>> NoticesAsync(NpgsqlConnection conn, string[] linkedPcodes, CancellationToken ct)
    {
        var notices = new List<string>();
        if (linkedPcodes.Length == 0) return notices;
        await using var cmd = new NpgsqlCommand("""
            SELECT format('%s (%s) has no village-tract polygons: the footprint links its townships only.', s.name_en, s.pcode)
            FROM admin_units s
            WHERE s.level = 1 AND s.pcode IN (SELECT state_pcode FROM admin_units WHERE pcode = ANY(@pcodes))
              AND NOT EXISTS (SELECT 1 FROM admin_units v WHERE v.level = 4 AND v.state_pcode = s.pcode AND v.retired_at IS NULL)
            ORDER BY s.pcode
            """, conn);
        cmd.Parameters.AddWithValue("pcodes", linkedPcodes);
        await using var rows = await cmd.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct)) notices.Add(rows.GetString(0));
        return notices;
    }
}
