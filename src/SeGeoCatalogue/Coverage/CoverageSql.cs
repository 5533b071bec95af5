using SeGeoCatalogue.Access;
using SeGeoCatalogue.Boundaries;

namespace SeGeoCatalogue.Coverage;

/// <summary>
/// The coverage of every unit at one level, as one SQL statement over dataset_units (normalised on write, see
/// Datasets/CoverageIndex): no record has rows for a unit and one of its ancestors, so
/// - roll-down adds up: a unit's own rows + its township's + its district's + its state's (each counted per pcode);
/// - roll-up is one count of distinct records per unit over the units beneath it.
/// The selected records' rows are read once, by index, into one small row per pcode
/// (count, finest, the records as title ranks); everything after works on those ~3,000 rows.
/// </summary>
static class CoverageSql
{
    /// <summary>
    /// Put before a coverage statement (same command, so the same implicit transaction): the planner cannot estimate
    /// the CTEs' row counts and takes them for millions, so it would spend 0.1–2 s JIT-compiling a statement that
    /// runs in tenths of a second. Only this statement is affected; the server's setting stays as it is.
    /// </summary>
    public const string WithoutJit = "SET LOCAL jit = off;\n";

    /// <summary>A unit's parent column, for units of the given level.</summary>
    static string ParentColumn(AdminLevel childLevel) => childLevel switch
    {
        AdminLevel.District => "state_pcode",
        AdminLevel.Township => "district_pcode",
        AdminLevel.VillageTract => "township_pcode",
        _ => "parent_pcode",
    };

    /// <summary>The ancestor at <paramref name="level"/> of a unit <c>a</c> at that level or below.</summary>
    static string AncestorAt(AdminLevel level) => level switch
    {
        AdminLevel.State => "a.state_pcode",
        AdminLevel.District => "a.district_pcode",
        AdminLevel.Township => "a.township_pcode",
        AdminLevel.VillageTract => "CASE a.level WHEN 4 THEN a.pcode ELSE a.parent_pcode END",
        _ => "a.pcode",
    };

    /// <summary>The five smallest title ranks of an int[] (a top-N sort, not a sort of the whole array).</summary>
    static string FirstFive(string ranks) =>
        $"(SELECT array_agg(x ORDER BY x) FROM (SELECT x FROM unnest({ranks}) x ORDER BY x LIMIT 5) f)";

    /// <summary>
    /// Selects, per unit of the level (in @state when given): pcode, name_en, name_my, state_pcode, township_pcode,
    /// dataset_count, finest (rank), share_covered, datasets (json [{id,title}], first 5 by title), geometry (text or null).
    /// Parameters: @level_min, @state (text, '' for all), @geometry; the filter's own parameters.
    /// </summary>
    public static string Units(AdminLevel level, string filterSql, string detailColumn)
    {
        var l = (int)level;
        var child = level + 1;
        return WithoutJit + $"""
            WITH sel AS MATERIALIZED (
              SELECT d.id, d.title, (row_number() OVER (ORDER BY d.title, d.id))::int AS rk, {detailColumn}
              FROM datasets d WHERE {filterSql}),
            vis AS NOT MATERIALIZED ({VisibleUnits.Rows("sel", carry: "rk")}),
            own AS MATERIALIZED (   -- per unit with rows: how many records, the finest, which (a record has one row per unit)
              SELECT du.pcode, count(*)::int AS n, max(du.resolution) AS res, array_agg(du.rk) AS ranks, {FirstFive("array_agg(du.rk)")} AS top
              FROM vis du
              WHERE du.resolution >= @level_min
              GROUP BY du.pcode),
            up AS MATERIALIZED (   -- per unit of the level: the distinct records with rows beneath it
              SELECT b.key, count(*)::int AS n, max(b.res) AS res, {FirstFive("array_agg(b.rk)")} AS top
              FROM (SELECT {AncestorAt(level)} AS key, r.rk, max(o.res) AS res
                    FROM own o JOIN admin_units a ON a.pcode = o.pcode CROSS JOIN LATERAL unnest(o.ranks) r(rk)
                    WHERE a.level > {l}
                    GROUP BY 1, 2) b
              GROUP BY b.key),
            kids AS MATERIALIZED (
              SELECT a.{ParentColumn(child)} AS key, count(DISTINCT {AncestorAt(child)})::float8 AS covered
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
