using SeGeoCatalogue.Access;
using SeGeoCatalogue.Boundaries;

namespace SeGeoCatalogue.Coverage;

/// <summary>
/// The coverage of every unit at one level, as one SQL statement over dataset_units (normalised on write, see
/// Datasets/CoverageIndex): no record has rows for a unit and one of its ancestors, so
/// - roll-down adds up: a unit's own rows + its township's + its district's + its state's (each counted per pcode);
/// - roll-up is one count of distinct records per unit over the rows beneath it.
/// The selected records' rows are fetched by index (dataset_id = ANY(array(...))): once per unit, once per unit beneath.
/// </summary>
static class CoverageSql
{
    /// <summary>
    /// Rows beneath a unit of level L are keyed by the pcode prefix of their ancestor at L (MIMU pcodes nest:
    /// MMR011 → MMR011001 → MMR011001040, town MMR011001701 → ward MMR011001701501) — cheaper than a join per row.
    /// Districts (MMR011D001) are not prefixes, so district keys go through the township.
    /// </summary>
    static int KeyLength(AdminLevel level) => level switch
    {
        AdminLevel.State => 6,
        AdminLevel.District or AdminLevel.Township => 9,
        _ => 12,
    };

    /// <summary>A unit's parent column, for units of the given level.</summary>
    static string ParentColumn(AdminLevel childLevel) => childLevel switch
    {
        AdminLevel.District => "state_pcode",
        AdminLevel.Township => "district_pcode",
        AdminLevel.VillageTract => "township_pcode",
        _ => "parent_pcode",
    };

    /// <summary>The ancestor at <paramref name="childLevel"/> of a unit <c>a</c> at that level or below.</summary>
    static string ChildOf(AdminLevel childLevel) => childLevel switch
    {
        AdminLevel.District => "a.district_pcode",
        AdminLevel.Township => "a.township_pcode",
        AdminLevel.VillageTract => "CASE a.level WHEN 4 THEN a.pcode ELSE a.parent_pcode END",
        _ => "a.pcode",
    };

    /// <summary>
    /// Selects, per unit of the level (in @state when given): pcode, name_en, name_my, state_pcode, township_pcode,
    /// dataset_count, finest (rank), share_covered, datasets (json [{id,title}], first 5 by title), geometry (text or null).
    /// Parameters: @level_min, @state (text, '' for all), @geometry; the filter's own parameters.
    /// </summary>
    public static string Units(AdminLevel level, string filterSql, string detailColumn)
    {
        var l = (int)level;
        var child = level + 1;
        var upKey = level == AdminLevel.District ? "t.district_pcode" : "b.key";
        var upJoin = level == AdminLevel.District ? "JOIN admin_units t ON t.pcode = b.key" : "";
        return $"""
            WITH sel AS MATERIALIZED (
              SELECT d.id, d.title, (row_number() OVER (ORDER BY d.title, d.id))::int AS rk, {detailColumn}
              FROM datasets d WHERE {filterSql}),
            vis AS NOT MATERIALIZED ({VisibleUnits.Rows("sel")}),
            own AS MATERIALIZED (   -- per unit with rows: how many records, the finest, the first five by title
              SELECT du.pcode, count(*)::int AS n, max(du.resolution) AS res, (array_agg(s.rk ORDER BY s.rk))[1:5] AS top
              FROM vis du JOIN sel s ON s.id = du.dataset_id
              WHERE du.resolution >= @level_min
              GROUP BY du.pcode),
            beneath AS MATERIALIZED (   -- one row per record and unit of the level it has rows beneath
              SELECT du.dataset_id, left(du.pcode, {KeyLength(level)}) AS key, max(du.resolution) AS res
              FROM vis du
              WHERE du.resolution >= @level_min AND du.level > {l}
              GROUP BY du.dataset_id, left(du.pcode, {KeyLength(level)})),
            up AS MATERIALIZED (
              SELECT {upKey} AS key, count(DISTINCT b.dataset_id)::int AS n, max(b.res) AS res,
                     (array_agg(DISTINCT s.rk ORDER BY s.rk))[1:5] AS top
              FROM beneath b JOIN sel s ON s.id = b.dataset_id {upJoin} GROUP BY 1),
            kids AS MATERIALIZED (
              SELECT a.{ParentColumn(child)} AS key, count(DISTINCT {ChildOf(child)})::float8 AS covered
              FROM own o JOIN admin_units a ON a.pcode = o.pcode WHERE a.level > {l} GROUP BY 1),
            kids_total AS (
              SELECT {ParentColumn(child)} AS key, count(*)::float8 AS total
              FROM admin_units WHERE level = {(int)child} AND retired_at IS NULL GROUP BY 1),
            res AS MATERIALIZED (
              SELECT u.pcode, u.name_en, u.name_my, u.state_pcode, u.township_pcode,
                     coalesce(o0.n, 0) + coalesce(o3.n, 0) + coalesce(o2.n, 0) + coalesce(o1.n, 0) AS down_n,
                     coalesce(up.n, 0) AS up_n,
                     greatest(o0.res, o3.res, o2.res, o1.res, up.res) AS finest,
                     coalesce(kids.covered / nullif(kids_total.total, 0), 0) AS kids_share,
                     (SELECT array_agg(x ORDER BY x) FROM (
                        SELECT DISTINCT x FROM unnest(o0.top || o3.top || o2.top || o1.top || up.top) x ORDER BY x LIMIT 5) t) AS top,
                     CASE @geometry WHEN 'full' THEN ST_AsGeoJSON(u.geom, 6) WHEN 'simplified' THEN ST_AsGeoJSON(u.display_geom, 6) END AS geometry
              FROM admin_units u
              LEFT JOIN own o0 ON o0.pcode = u.pcode
              LEFT JOIN own o3 ON o3.pcode = u.township_pcode AND u.level > 3
              LEFT JOIN own o2 ON o2.pcode = u.district_pcode AND u.level > 2
              LEFT JOIN own o1 ON o1.pcode = u.state_pcode AND u.level > 1
              LEFT JOIN up ON up.key = u.pcode
              LEFT JOIN kids ON kids.key = u.pcode
              LEFT JOIN kids_total ON kids_total.key = u.pcode
              WHERE u.level = {l} AND u.retired_at IS NULL AND (@state = '' OR u.state_pcode = @state)),
            listed AS (
              SELECT r.pcode, json_agg(json_build_object('id', s.id, 'title', s.title) ORDER BY s.rk)::text AS datasets
              FROM res r CROSS JOIN LATERAL unnest(r.top) t(rk) JOIN sel s ON s.rk = t.rk
              GROUP BY r.pcode)
            SELECT r.pcode, r.name_en, r.name_my, r.state_pcode, r.township_pcode,
                   r.down_n + r.up_n, r.finest,
                   CASE WHEN r.down_n > 0 THEN 1 WHEN r.up_n > 0 THEN r.kids_share ELSE 0 END,
                   coalesce(l.datasets, '[]'), r.geometry
            FROM res r LEFT JOIN listed l ON l.pcode = r.pcode
            ORDER BY r.pcode
            """;
    }
}
