using Npgsql;
using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.Access;

/// <summary>
/// The dataset_units rows a viewer may count. For a record with a sensitive footprint that the viewer may not
/// see in detail, village-tract and ward rows are replaced by their township (at township resolution at most),
/// so no count, map or search reveals where inside a township the record lies.
/// </summary>
public static class VisibleUnits
{
    /// <summary>
    /// A SELECT of (dataset_id, pcode, level, resolution) over the records selected by <paramref name="filter"/>
    /// (its visibility rule included), for use as a CTE. Rows are fetched by dataset id, so the
    /// (dataset_id, pcode) index serves them.
    /// </summary>
    public static string Sql(NpgsqlCommand cmd, Viewer viewer, DatasetFilter filter)
    {
        var selected = filter.ToSql(cmd, viewer);
        var detail = DatasetVisibility.SeesDetailSql(viewer, cmd);
        return $"""
        SELECT du.dataset_id, du.pcode, du.level, du.resolution
        FROM dataset_units du
        WHERE du.dataset_id = ANY(ARRAY(SELECT d.id FROM datasets d WHERE {selected} AND {detail}))
        UNION
        SELECT du.dataset_id, CASE WHEN du.level >= 4 THEN u.township_pcode ELSE du.pcode END,
               least(du.level, 3)::smallint, CASE WHEN du.level >= 4 THEN least(du.resolution, 3) ELSE du.resolution END::smallint
        FROM dataset_units du JOIN admin_units u ON u.pcode = du.pcode
        WHERE du.dataset_id = ANY(ARRAY(SELECT d.id FROM datasets d WHERE {selected} AND NOT {detail}))
        """;
    }
}
