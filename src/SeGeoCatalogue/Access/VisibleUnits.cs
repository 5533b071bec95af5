using Npgsql;

namespace SeGeoCatalogue.Access;

/// <summary>
/// The dataset_units rows a viewer may count. For a record with a sensitive footprint that the viewer may not
/// see in detail, village-tract and ward rows are read as their township (at township resolution at most), so no
/// count, map or grid reveals where inside a township the record lies.
/// </summary>
public static class VisibleUnits
{
    /// <summary>The column to add to a selection of <c>datasets d</c>: whether the viewer sees that record in detail.</summary>
    public static string DetailColumn(Viewer viewer, NpgsqlCommand cmd) => $"{DatasetVisibility.SeesDetailSql(viewer, cmd)} AS detail";

    /// <summary>
    /// (dataset_id, pcode, level, resolution, down_resolution) for the records of <paramref name="selection"/>, a CTE with columns id and
    /// detail, plus the selection's <paramref name="carry"/> columns when given (saves joining the rows to it again).
    /// Use it as a NOT MATERIALIZED CTE so the caller's conditions reach the index scans by dataset id.
    /// The detailed rows are a join from the selection, so the planner sees how many rows come (about 15 per record);
    /// the rows read as townships, a minority, are found by id list so they never cost a scan of the whole table.
    /// </summary>
    public static string Rows(string selection, params string[] carry)
    {
        var extra = string.Concat(carry.Select(c => $", s.{c}"));
        return $"""
            SELECT du.dataset_id, du.pcode, du.level, du.resolution, du.down_resolution{extra}
            FROM {selection} s JOIN dataset_units du ON du.dataset_id = s.id
            WHERE s.detail
            UNION ALL
            SELECT du.dataset_id, unit_or_its_township(du.pcode, du.level),
                   least(max(du.level), 3)::smallint,
                   (CASE WHEN max(du.level) >= 4 THEN least(max(du.resolution), 3) ELSE max(du.resolution) END)::smallint,
                   (CASE WHEN max(du.level) >= 4 THEN least(max(du.down_resolution), 3) ELSE max(du.down_resolution) END)::smallint{extra}
            FROM dataset_units du JOIN {selection} s ON s.id = du.dataset_id
            WHERE du.dataset_id = ANY(ARRAY(SELECT id FROM {selection} WHERE NOT detail))
            GROUP BY du.dataset_id, 2{extra}
            """;
    }
}
