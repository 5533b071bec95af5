using Npgsql;

namespace SeGeoCatalogue.Datasets;

/// <summary>
/// Rebuilds a dataset's rows in dataset_units from its links, in the caller's transaction. Call it after
/// every change to a dataset's links, disaggregation level or spatial completeness.
///
/// Each row says what the record tells about one unit:
/// - <c>resolution</c>: the data collected in the unit (the record's disaggregation rank, else the unit's level);
/// - <c>down_resolution</c>: what it tells about each unit beneath: the same when the record enumerates every place
///   (spatial completeness "complete"), else only the unit's own level (a sample of a state is state-level data for
///   each township in it).
/// Rows never nest (no record has a row for a unit and one of its ancestors), so counts add up along the hierarchy:
/// - a footprint link to a township or coarser (partial by nature) is dropped when the record also links units
///   inside it: those carry the detail, and the township is counted by roll-up;
/// - a link with finer links of the same record inside it is replaced by its children, recursively, so the finer
///   links keep their own resolution and every other unit inside gets the wider link's down_resolution; the link
///   itself (and every unit split on the way down) goes to dataset_split_units: what the record tells about that
///   unit as a whole, for its class on the map.
/// </summary>
public static class DatasetUnits
{
    public static async Task RefreshAsync(NpgsqlConnection conn, int datasetId, CancellationToken ct = default)
    {
        await using var cmd = new NpgsqlCommand(Sql("d.id = @id"), conn);
        cmd.Parameters.AddWithValue("id", datasetId);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>For bulk loads (demo catalogue): the datasets matching a condition over <c>datasets d</c>, at once.</summary>
    public static async Task RefreshWhereAsync(NpgsqlConnection conn, string condition, CancellationToken ct = default)
    {
        await using var cmd = new NpgsqlCommand(Sql(condition), conn) { CommandTimeout = 600 };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>For bulk loads (demo catalogue, benchmarks): every dataset at once.</summary>
    public static Task RefreshAllAsync(NpgsqlConnection conn, CancellationToken ct = default) => RefreshWhereAsync(conn, "true", ct);

    /// <summary>A unit <c>{0}</c> lies inside unit <c>{1}</c> (strictly).</summary>
    static string Inside(string inner, string outer) =>
        $"{outer}.pcode IN ({inner}.state_pcode, {inner}.district_pcode, {inner}.township_pcode, {inner}.parent_pcode) AND {outer}.pcode <> {inner}.pcode";

    public static string Sql(string condition) => $"""
        DELETE FROM dataset_units du USING datasets d WHERE du.dataset_id = d.id AND ({condition});
        DELETE FROM dataset_split_units su USING datasets d WHERE su.dataset_id = d.id AND ({condition});
        WITH RECURSIVE target AS (
          SELECT d.id, ({Vocabularies.LevelRankSql("d.disaggregation_level")})::smallint AS disagg,
                 d.spatial_completeness = 'complete' AS complete
          FROM datasets d WHERE {condition}),
        all_links AS (
          SELECT DISTINCT l.dataset_id, l.origin, u.pcode, u.level, u.parent_pcode, u.state_pcode, u.district_pcode, u.township_pcode,
                 t.disagg, t.complete
          FROM target t JOIN dataset_links l ON l.dataset_id = t.id JOIN admin_units u ON u.pcode = l.pcode),
        linked AS MATERIALIZED (
          SELECT DISTINCT ON (a.dataset_id, a.pcode) a.dataset_id, a.pcode, a.level, a.parent_pcode, a.state_pcode, a.district_pcode, a.township_pcode,
                 coalesce(a.disagg, a.level)::smallint AS res,
                 (CASE WHEN a.complete THEN coalesce(a.disagg, a.level) ELSE least(coalesce(a.disagg, a.level), a.level) END)::smallint AS down
          FROM all_links a
          WHERE NOT (a.origin = 'footprint' AND a.level <= 3 AND EXISTS (
                  SELECT 1 FROM all_links f WHERE f.dataset_id = a.dataset_id AND {Inside("f", "a")}))
          ORDER BY a.dataset_id, a.pcode),
        outer_links AS MATERIALIZED (
          SELECT a.dataset_id, a.pcode, a.level, a.res, a.down FROM linked a
          WHERE EXISTS (SELECT 1 FROM linked f WHERE f.dataset_id = a.dataset_id AND {Inside("f", "a")})),
        split (dataset_id, pcode, level, res, down) AS (
          SELECT dataset_id, pcode, level, res, down FROM outer_links
          UNION ALL
          SELECT s.dataset_id, c.pcode, c.level, s.down, s.down
          FROM split s JOIN admin_units c ON c.parent_pcode = s.pcode AND c.retired_at IS NULL
          WHERE NOT EXISTS (SELECT 1 FROM linked x WHERE x.dataset_id = s.dataset_id AND x.pcode = c.pcode)
            AND EXISTS (SELECT 1 FROM linked f WHERE f.dataset_id = s.dataset_id AND {Inside("f", "c")})),
        rows AS (
          SELECT l.dataset_id, l.pcode, l.level, l.res, l.down FROM linked l
          WHERE NOT EXISTS (SELECT 1 FROM outer_links o WHERE o.dataset_id = l.dataset_id AND o.pcode = l.pcode)
          UNION ALL
          SELECT s.dataset_id, c.pcode, c.level, s.down, s.down
          FROM split s JOIN admin_units c ON c.parent_pcode = s.pcode AND c.retired_at IS NULL
          WHERE NOT EXISTS (SELECT 1 FROM linked x WHERE x.dataset_id = s.dataset_id AND x.pcode = c.pcode)
            AND NOT EXISTS (SELECT 1 FROM split y WHERE y.dataset_id = s.dataset_id AND y.pcode = c.pcode)),
        split_rows AS (
          INSERT INTO dataset_split_units (dataset_id, pcode, level, resolution)
          SELECT dataset_id, pcode, level, max(res) FROM split GROUP BY dataset_id, pcode, level)
        INSERT INTO dataset_units (dataset_id, pcode, level, resolution, down_resolution)
        SELECT dataset_id, pcode, max(level), max(res), max(down) FROM rows GROUP BY dataset_id, pcode
        """;
}
