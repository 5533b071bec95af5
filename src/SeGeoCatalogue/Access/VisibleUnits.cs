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
    /// (dataset_id, pcode, level, resolution) for the records of <paramref name="selection"/>, a CTE with columns id and
    /// detail. Use it as a NOT MATERIALIZED CTE so the caller's conditions reach the index scans by dataset id.
    /// </summary>
    public static string Rows(string selection) => $"""
        SELECT du.dataset_id, du.pcode, du.level, du.resolution
        FROM dataset_units du
        WHERE du.dataset_id = ANY(ARRAY(SELECT id FROM {selection} WHERE detail))
        UNION ALL
        SELECT DISTINCT du.dataset_id, CASE WHEN du.level >= 4 THEN left(du.pcode, 9) ELSE du.pcode END,
               least(du.level, 3)::smallint, (CASE WHEN du.level >= 4 THEN least(du.resolution, 3) ELSE du.resolution END)::smallint
        FROM dataset_units du
        WHERE du.dataset_id = ANY(ARRAY(SELECT id FROM {selection} WHERE NOT detail))
        """;
}
