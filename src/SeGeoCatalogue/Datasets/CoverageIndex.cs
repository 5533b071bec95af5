using Npgsql;

namespace SeGeoCatalogue.Datasets;

/// <summary>
/// Rebuilds a dataset's rows in dataset_units from its links, in the caller's transaction. Call it after
/// every change to a dataset's links or disaggregation level.
///
/// Rules (DOMAIN.md, "Design notes for speed"):
/// - a unit is dropped when one of its ancestors is linked as a whole (picked), so counts add up along the hierarchy;
/// - a footprint link to a township (partial by nature) is dropped when the record also links units inside
///   it (from the footprint or picked): those carry the detail, and the township is counted by roll-up;
/// - resolution is the dataset's disaggregation rank when it has one, else the unit's level.
/// </summary>
public static class CoverageIndex
{
    public static async Task RefreshAsync(NpgsqlConnection conn, int datasetId, CancellationToken ct = default)
    {
        await using var cmd = new NpgsqlCommand(Sql.Replace("{0}", "d.id = @id"), conn);
        cmd.Parameters.AddWithValue("id", datasetId);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>For bulk loads (demo catalogue): the datasets matching a condition over <c>datasets d</c>, at once.</summary>
    public static async Task RefreshWhereAsync(NpgsqlConnection conn, string condition, CancellationToken ct = default)
    {
        await using var cmd = new NpgsqlCommand(Sql.Replace("{0}", condition), conn) { CommandTimeout = 600 };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>For bulk loads (demo catalogue, benchmarks): every dataset at once.</summary>
    public static async Task RefreshAllAsync(NpgsqlConnection conn, CancellationToken ct = default)
    {
        await using var cmd = new NpgsqlCommand(Sql.Replace("{0}", "true"), conn) { CommandTimeout = 600 };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    const string Sql = """
        DELETE FROM dataset_units du USING datasets d WHERE du.dataset_id = d.id AND ({0});
        WITH target AS (SELECT d.id, d.disaggregation_level FROM datasets d WHERE {0})
        INSERT INTO dataset_units (dataset_id, pcode, level, resolution)
        SELECT DISTINCT l.dataset_id, u.pcode, u.level,
               coalesce(CASE t.disaggregation_level
                   WHEN 'state' THEN 1 WHEN 'district' THEN 2 WHEN 'township' THEN 3 WHEN 'village-tract' THEN 4
                   WHEN 'village' THEN 5 WHEN 'household' THEN 6 WHEN 'point' THEN 7 END, u.level)::smallint
        FROM target t
        JOIN dataset_links l ON l.dataset_id = t.id
        JOIN admin_units u ON u.pcode = l.pcode
        WHERE NOT EXISTS (
                SELECT 1 FROM dataset_links a
                WHERE a.dataset_id = l.dataset_id AND a.origin = 'picked' AND a.pcode <> u.pcode
                  AND a.pcode IN (u.state_pcode, u.district_pcode, u.township_pcode, u.parent_pcode))
          AND NOT (l.origin = 'footprint' AND u.level <= 3 AND EXISTS (
                SELECT 1 FROM dataset_links f JOIN admin_units fu ON fu.pcode = f.pcode
                WHERE f.dataset_id = l.dataset_id AND fu.level > u.level
                  AND u.pcode IN (fu.state_pcode, fu.district_pcode, fu.township_pcode)))
        """;
}
