using SeGeoCatalogue.Access;
using SeGeoCatalogue.Boundaries;
using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.Coverage;

/// <summary>
/// The coverage of every unit at one level, as one SQL statement over dataset_units (normalised on write, see
/// Datasets/DatasetUnits): no record has rows for a unit and one of its ancestors, so
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
    /// dataset_count, finest (rank), share_covered, datasets (json [{id,title}], first 5 by title), geometry (text or null),
    /// class (here | partly | coarser | none), collected_count (records with data collected in the unit at its level or finer),
    /// freshest (the best freshness rank of the records counted, Datasets/Freshness.RankSql).
    /// Parameters: @level_min, @state (text, '' for all), @geometry, @today (Myanmar date); the filter's own parameters.
    /// What a record tells about a unit (Datasets/DatasetUnits): its own rows there and beneath carry their resolution;
    /// rows of an ancestor reach the unit with their down_resolution (a sample of a wider area is data at that area's level).
    /// </summary>
    public static string Units(AdminLevel level, string filterSql, string detailColumn)
    {
        var l = (int)level;
        var child = level + 1;
        return WithoutJit + $"""
            WITH sel AS MATERIALIZED (
              SELECT d.id, d.title, (row_number() OVER (ORDER BY d.title, d.id))::int AS rk, {detailColumn},
                     {Freshness.RankSql("@today")} AS fr
              FROM datasets d WHERE {filterSql}),
            vis AS NOT MATERIALIZED ({VisibleUnits.Rows("sel", "rk", "fr")}),
            own AS MATERIALIZED (   -- per unit with rows: how many records, the finest, which (a record has one row per unit)
              SELECT du.pcode, count(*)::int AS n, max(du.resolution) AS res, array_agg(du.rk) AS ranks, {FirstFive("array_agg(du.rk)")} AS top,
                     (count(*) FILTER (WHERE du.resolution >= {l}))::int AS nl,
                     -- the same, for the units beneath that reach these rows by roll-down
                     (count(*) FILTER (WHERE du.down_resolution >= @level_min))::int AS dn,
                     max(du.down_resolution) FILTER (WHERE du.down_resolution >= @level_min) AS dres,
                     {FirstFive("array_agg(du.rk) FILTER (WHERE du.down_resolution >= @level_min)")} AS dtop,
                     (count(*) FILTER (WHERE du.down_resolution >= greatest(@level_min, {l})))::int AS dnl,
                     min(du.fr) AS fr, min(du.fr) FILTER (WHERE du.down_resolution >= @level_min) AS dfr
              FROM vis du
              WHERE du.resolution >= @level_min
              GROUP BY du.pcode),
            up AS MATERIALIZED (   -- per unit of the level: the distinct records with rows beneath it
              SELECT b.key, count(*)::int AS n, max(b.res) AS res, {FirstFive("array_agg(b.rk)")} AS top,
                     (count(*) FILTER (WHERE b.res >= {l}))::int AS nl, min(s.fr) AS fr
              FROM (SELECT {AncestorAt(level)} AS key, r.rk, max(o.res) AS res
                    FROM own o JOIN admin_units a ON a.pcode = o.pcode CROSS JOIN LATERAL unnest(o.ranks) r(rk)
                    WHERE a.level > {l}
                    GROUP BY 1, 2) b JOIN sel s ON s.rk = b.rk
              GROUP BY b.key),
            whole AS MATERIALIZED (   -- records linked to the unit itself and to units inside it (DatasetUnits split the link)
              SELECT su.pcode, count(*)::int AS n, max(su.resolution) AS res, min(s.fr) AS fr
              FROM sel s JOIN dataset_split_units su ON su.dataset_id = s.id
              WHERE su.level = {l} AND su.resolution >= greatest(@level_min, {l}) AND (s.detail OR unit_shown_without_detail(su.level))
              GROUP BY su.pcode),
            kids AS MATERIALIZED (
              SELECT a.{ParentColumn(child)} AS key, count(DISTINCT {AncestorAt(child)})::float8 AS covered
              FROM own o JOIN admin_units a ON a.pcode = o.pcode WHERE a.level > {l} GROUP BY 1),
            kids_total AS (
              SELECT {ParentColumn(child)} AS key, count(*)::float8 AS total
              FROM admin_units WHERE level = {(int)child} AND retired_at IS NULL GROUP BY 1),
            res AS MATERIALIZED (
              SELECT u.pcode, u.name_en, u.name_my, u.state_pcode, u.township_pcode,
                     coalesce(o0.n, 0) + coalesce(o3.dn, 0) + coalesce(o2.dn, 0) + coalesce(o1.dn, 0) AS down_n,
                     coalesce(o0.nl, 0) + coalesce(o3.dnl, 0) + coalesce(o2.dnl, 0) + coalesce(o1.dnl, 0) AS here_n,
                     coalesce(up.n, 0) AS up_n, coalesce(up.nl, 0) AS up_nl, coalesce(w.n, 0) AS whole_n,
                     greatest(o0.res, o3.dres, o2.dres, o1.dres, up.res, w.res) AS finest,
                     least(o0.fr, o3.dfr, o2.dfr, o1.dfr, up.fr, w.fr) AS freshest,
                     coalesce(kids.covered / nullif(kids_total.total, 0), 0) AS kids_share,
                     (SELECT array_agg(x ORDER BY x) FROM (
                        SELECT DISTINCT x FROM unnest(o0.top || o3.dtop || o2.dtop || o1.dtop || up.top) x ORDER BY x LIMIT 5) t) AS top,
                     CASE @geometry WHEN 'full' THEN ST_AsGeoJSON(u.geom, 6) WHEN 'simplified' THEN ST_AsGeoJSON(u.display_geom, 6) END AS geometry
              FROM admin_units u
              LEFT JOIN own o0 ON o0.pcode = u.pcode
              LEFT JOIN own o3 ON o3.pcode = u.township_pcode AND u.level > 3
              LEFT JOIN own o2 ON o2.pcode = u.district_pcode AND u.level > 2
              LEFT JOIN own o1 ON o1.pcode = u.state_pcode AND u.level > 1
              LEFT JOIN up ON up.key = u.pcode
              LEFT JOIN whole w ON w.pcode = u.pcode
              LEFT JOIN kids ON kids.key = u.pcode
              LEFT JOIN kids_total ON kids_total.key = u.pcode
              WHERE u.level = {l} AND u.retired_at IS NULL AND (@state = '' OR u.state_pcode = @state)),
            classed AS (
              SELECT r.*, CASE WHEN r.here_n + r.whole_n > 0 THEN 'here'
                               WHEN r.up_n > 0 THEN 'partly'
                               WHEN r.down_n > 0 THEN 'coarser'
                               ELSE 'none' END AS class
              FROM res r),
            listed AS (
              SELECT r.pcode, json_agg(json_build_object('id', s.id, 'title', s.title) ORDER BY s.rk)::text AS datasets
              FROM res r CROSS JOIN LATERAL unnest(r.top) t(rk) JOIN sel s ON s.rk = t.rk
              GROUP BY r.pcode)
            SELECT r.pcode, r.name_en, r.name_my, r.state_pcode, r.township_pcode,
                   r.down_n + r.up_n, r.finest,
                   CASE r.class WHEN 'here' THEN 1 WHEN 'partly' THEN r.kids_share ELSE 0 END,
                   coalesce(l.datasets, '[]'), r.geometry, r.class, r.here_n + r.up_nl, r.freshest
            FROM classed r LEFT JOIN listed l ON l.pcode = r.pcode
            ORDER BY r.pcode
            """;
    }
}
