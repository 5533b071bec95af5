using Npgsql;
using NpgsqlTypes;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Boundaries;
using SeGeoCatalogue.Coverage;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.GapReasons;

namespace SeGeoCatalogue.Ogc;

/// <summary>
/// The OGC coverage collections: the counts come from the coverage API's one statement (<see cref="UnitCoverage"/>),
/// so /ogc and /api/coverage can never disagree; this only renders a page of units as Features with them.
/// </summary>
public static class SectorCoverage
{
    /// <summary>
    /// A Feature (text) per row of <paramref name="units"/>, a SELECT of whole admin_units rows at <paramref name="level"/>;
    /// <paramref name="filter"/> selects the records (its visibility rule included).
    /// </summary>
    public static async Task<string> FeaturesSqlAsync(NpgsqlDataSource db, NpgsqlCommand cmd, Viewer viewer,
        AdminLevel level, DatasetFilter filter, string units, DateOnly today, CancellationToken ct)
    {
        var counts = await UnitCoverage.ReadAsync(db, CoverageRequest.CountsOnly(level, filter, today), viewer, ct);
        var reasons = await UnitReason.ReadAsync(db, level, filter.Sectors, null, ct);
        var marks = counts.Select(c => reasons.GetValueOrDefault(c.Pcode)?.Marks is { Count: > 0 } m ? m[0] : null).ToList();
        cmd.Parameters.Add(new NpgsqlParameter("cov_reasons", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = marks.Select(m => (object?)m?.Reason ?? DBNull.Value).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("cov_comments", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = marks.Select(m => (object?)m?.Comment ?? DBNull.Value).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("cov_marked_by", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = marks.Select(m => (object?)(m is null ? null : m.Organisation ?? m.Role) ?? DBNull.Value).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("cov_observed", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = marks.Select(m => (object?)m?.ObservedOn ?? DBNull.Value).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("cov_pcodes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = counts.Select(c => c.Pcode).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("cov_counts", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = counts.Select(c => c.DatasetCount).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("cov_classes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = counts.Select(c => c.Class).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("cov_collected", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = counts.Select(c => c.CollectedCount).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("cov_finest", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = counts.Select(c => (object?)c.FinestLevel ?? DBNull.Value).ToArray() });
        return $"""
            SELECT json_build_object('type', 'Feature', 'id', p.pcode, 'geometry', ST_AsGeoJSON(p.geom, 6)::json,
              'properties', json_build_object('pcode', p.pcode, 'name_en', p.name_en, 'name_my', p.name_my,
                'level', {AdminUnitSql.LevelName}, 'state_pcode', p.state_pcode, 'township_pcode', p.township_pcode,
                'class', coalesce(c.class, 'none'), 'dataset_count', coalesce(c.n, 0), 'collected_count', coalesce(c.collected, 0),
                'finest_level', c.finest, 'reason', c.reason, 'reason_comment', c.comment, 'reason_by', c.marked_by,
                'reason_observed_on', c.observed))::text
            FROM ({units}) p
            LEFT JOIN unnest(@cov_pcodes, @cov_counts, @cov_classes, @cov_collected, @cov_finest, @cov_reasons, @cov_comments, @cov_marked_by, @cov_observed)
              c(pcode, n, class, collected, finest, reason, comment, marked_by, observed)
              ON c.pcode = p.pcode
            ORDER BY p.pcode
            """;
    }
}
