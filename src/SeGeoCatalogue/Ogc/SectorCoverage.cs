using Npgsql;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Boundaries;
using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.Ogc;

/// <summary>
/// Per-unit dataset counts for the OGC coverage collections, kept minimal and in one place: the coverage API
/// (issue on branch coverage) may replace this body. A unit counts the distinct selected records with a
/// dataset_units row on the unit itself, on one of its ancestors (roll-down) or on a unit inside it (roll-up).
/// </summary>
public static class SectorCoverage
{
    /// <summary>
    /// A Feature (text) per row of <paramref name="units"/>, a paged SELECT of whole admin_units rows;
    /// <paramref name="filter"/> selects the records (its visibility rule included).
    /// </summary>
    public static string FeaturesSql(NpgsqlCommand cmd, Viewer viewer, DatasetFilter filter, string units) => $"""
        WITH sel AS MATERIALIZED (SELECT d.id, {VisibleUnits.DetailColumn(viewer, cmd)} FROM datasets d WHERE {filter.ToSql(cmd, viewer)}),
        vis AS ({VisibleUnits.Rows("sel")}),
        page AS ({units}),
        hits AS (
          SELECT p.pcode, du.dataset_id FROM page p
          JOIN vis du ON du.pcode IN (p.pcode, p.state_pcode, p.district_pcode, p.township_pcode, p.parent_pcode)
          UNION
          SELECT p.pcode, du.dataset_id FROM page p
          JOIN admin_units c ON c.pcode <> p.pcode AND p.pcode IN (c.township_pcode, c.parent_pcode)
          JOIN vis du ON du.pcode = c.pcode)
        SELECT json_build_object('type', 'Feature', 'id', p.pcode, 'geometry', ST_AsGeoJSON(p.geom, 6)::json,
          'properties', json_build_object('pcode', p.pcode, 'name_en', p.name_en, 'name_my', p.name_my,
            'level', {AdminUnitSql.LevelName}, 'state_pcode', p.state_pcode, 'township_pcode', p.township_pcode,
            'dataset_count', (SELECT count(DISTINCT h.dataset_id) FROM hits h WHERE h.pcode = p.pcode)))::text
        FROM page p ORDER BY p.pcode
        """;
}
