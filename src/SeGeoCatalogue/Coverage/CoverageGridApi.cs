using Npgsql;
using NpgsqlTypes;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Boundaries;
using SeGeoCatalogue.Coverage.Counting;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.GapReasons;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Coverage;

/// <summary>GET /api/coverage/grid: per township and sector, how many records cover it and the finest level present.</summary>
public static class CoverageGridApi
{
    /// <summary>
    /// A cell: how many records, the finest level, the township's class for that sector as on the map, and why it has
    /// no data when someone said so (the mark on the township or a unit around it; see GapReasons).
    /// </summary>
    public sealed record Cell(int Count, string? FinestLevel, string? Class = null, string? Reason = null, ReasonMark? ReasonMark = null);
    public sealed record Row(string Pcode, string? NameEn, string? NameMy, string StatePcode, Dictionary<string, Cell> Cells);
    public sealed record StateSubtotal(string StatePcode, string? NameEn, string? NameMy, Dictionary<string, Cell> Cells);
    public sealed record GridTable(string Level, IReadOnlyList<string> Sectors, List<Row> Rows, List<StateSubtotal> StateSubtotals);

    /// <summary>
    /// One statement. Each record's rows are first reduced to one pair per township-or-coarser unit (rows beneath
    /// a township keyed by its pcode prefix), so roll-up counts each record once per township; the pairs are then
    /// counted per unit and set of sectors, and those counts spread over the set's sectors. A township's cell = its
    /// pairs + its district's + its state's that reach it (roll-down adds up, down_resolution at least level_min, see
    /// <see cref="CoverageSql"/>); a state subtotal counts
    /// the records with any pair in the state (the pairs reduced to one per record and state before they are spread).
    /// </summary>
    static string Sql(string where, string detailColumn, string visibleRows) => $"""
        WITH sel AS MATERIALIZED (SELECT d.id, d.sectors, {detailColumn} FROM datasets d WHERE {where}),
        vis AS NOT MATERIALIZED ({visibleRows}),
        pairs AS MATERIALIZED (
          SELECT du.dataset_id, unit_or_its_township(du.pcode, du.level) AS pcode,
                 max(du.resolution) AS res, max(du.down_resolution) AS down, bool_or(du.level > 3) AS inside
          FROM vis du
          WHERE du.resolution >= @level_min
          GROUP BY 1, 2),
        per_combo AS MATERIALIZED (   -- pairs with the same sectors counted together (10 k rows, not 450 k spread rows)
          SELECT p.pcode, sel.sectors, count(*) AS n, max(p.res) AS res,
                 count(*) FILTER (WHERE p.down >= @level_min) AS dn, max(p.down) FILTER (WHERE p.down >= @level_min) AS dres,
                 count(*) FILTER (WHERE NOT p.inside AND p.res >= 3) AS here, count(*) FILTER (WHERE p.inside) AS inside,
                 count(*) FILTER (WHERE p.down >= greatest(@level_min, 3)) AS dhere
          FROM pairs p JOIN sel ON sel.id = p.dataset_id
          GROUP BY 1, 2),
        per_unit AS (
          SELECT c.pcode, s.sector, sum(c.n) AS n, max(c.res) AS res, sum(c.dn) AS dn, max(c.dres) AS dres,
                 sum(c.here) AS here, sum(c.inside) AS inside, sum(c.dhere) AS dhere
          FROM per_combo c CROSS JOIN LATERAL unnest(c.sectors) s(sector)
          WHERE s.sector = ANY(@sectors)
          GROUP BY 1, 2),
        per_state AS (
          SELECT st.state, s.sector, count(*)::int AS n, max(st.res) AS res
          FROM (SELECT dataset_id, left(pcode, 6) AS state, max(res) AS res FROM pairs GROUP BY 1, 2) st
          JOIN sel ON sel.id = st.dataset_id CROSS JOIN LATERAL unnest(sel.sectors) s(sector)
          WHERE s.sector = ANY(@sectors)
          GROUP BY 1, 2),
        whole AS (   -- records linked to the township itself and to tracts inside it (DatasetUnits split the link)
          SELECT su.pcode, s.sector, count(*) AS n
          FROM sel JOIN dataset_split_units su ON su.dataset_id = sel.id CROSS JOIN LATERAL unnest(sel.sectors) s(sector)
          WHERE su.level = 3 AND su.resolution >= greatest(@level_min, 3) AND s.sector = ANY(@sectors)
          GROUP BY 1, 2),
        townships AS (
          SELECT u.pcode, u.name_en, u.name_my, u.state_pcode, a.pcode AS ancestor
          FROM admin_units u CROSS JOIN LATERAL unnest(ARRAY[u.pcode, u.district_pcode, u.state_pcode]) a(pcode)
          WHERE u.level = 3 AND u.retired_at IS NULL AND (@state = '' OR u.state_pcode = @state))
        SELECT 'township', c.pcode, c.name_en, c.name_my, c.state_pcode, c.sector, c.n, c.res,
               CASE WHEN c.here + coalesce(w.n, 0) > 0 THEN 'here' WHEN c.inside > 0 THEN 'partly' WHEN c.n > 0 THEN 'coarser' ELSE 'none' END
        FROM (
          SELECT t.pcode, t.name_en, t.name_my, t.state_pcode, pu.sector,
                 sum(CASE WHEN t.ancestor = t.pcode THEN pu.n ELSE pu.dn END)::int AS n,
                 max(CASE WHEN t.ancestor = t.pcode THEN pu.res ELSE pu.dres END) AS res,
                 coalesce(sum(CASE WHEN t.ancestor = t.pcode THEN pu.here ELSE pu.dhere END), 0) AS here,
                 coalesce(sum(CASE WHEN t.ancestor = t.pcode THEN pu.inside ELSE 0 END), 0) AS inside
          FROM townships t LEFT JOIN per_unit pu ON pu.pcode = t.ancestor
          GROUP BY t.pcode, t.name_en, t.name_my, t.state_pcode, pu.sector) c
        LEFT JOIN whole w ON w.pcode = c.pcode AND w.sector = c.sector
        UNION ALL
        SELECT 'state', st.pcode, st.name_en, st.name_my, st.pcode, ss.sector, ss.n, ss.res, NULL
        FROM admin_units st
        LEFT JOIN per_state ss ON ss.state = st.pcode
        WHERE st.level = 1 AND st.retired_at IS NULL AND (@state = '' OR st.pcode = @state)
          AND EXISTS (SELECT 1 FROM admin_units u WHERE u.level = 3 AND u.state_pcode = st.pcode AND u.retired_at IS NULL)
        ORDER BY 1 DESC, 2
        """;

    public static async Task<IResult> Grid(HttpContext http, CatalogueReads reads, CoverageCounts counts, IViewerAccessor viewers, TimeProvider time, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var request = CoverageRequest.FromQuery(http.Request.Query, errors, time, defaultGeometry: "none");
        if (request.Level != AdminLevel.Township)
            errors.Add("level", "The grid is per township; leave level out or write level=township (use /api/coverage?level=… for other levels).");
        if (errors.Any) return errors.ToResult();

        var sectors = request.Filter.Sectors.Count > 0
            ? Vocabularies.Sectors.Select(s => s.Code).Where(request.Filter.Sectors.Contains).ToList()
            : Vocabularies.Sectors.Select(s => s.Code).ToList();
        var viewer = viewers.Current(http);
        var db = reads.For(viewer);
        var grid = await counts.TryGridAsync(http, request, viewer, sectors, ct) ?? await ReadAsync(db, request, viewer, sectors, ct);
        if (grid.Rows.Count == 0 && request.State is not null) return CoverageApi.UnknownState(request.State);
        var marks = await UnitReason.NearestAsync(db, AdminLevel.Township, sectors, request.State, ct);
        foreach (var row in grid.Rows)
            if (marks.TryGetValue(row.Pcode, out var bySector))
                foreach (var (sector, mark) in bySector)
                    row.Cells[sector] = row.Cells[sector] with { Reason = mark.Reason, ReasonMark = mark };

        if (request.Csv || request.Download)
            request.SetAttachment(http, request.FileName("grid", time, request.Csv ? "csv" : "json"));
        return request.Csv ? ToCsv(grid) : TypedResults.Ok(grid);
    }

    /// <summary>The grid by one SQL statement (the path Counting/GridCounting is tested against).</summary>
    internal static async Task<GridTable> ReadAsync(NpgsqlDataSource db, CoverageRequest request, Viewer viewer, List<string> sectors, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = CoverageSql.WithoutJit + Sql(request.Filter.ToSql(cmd, viewer), VisibleUnits.DetailColumn(viewer, cmd), VisibleUnits.Rows("sel"));
        cmd.Parameters.AddWithValue("level_min", request.LevelMin);
        cmd.Parameters.AddWithValue("state", request.State ?? "");
        cmd.Parameters.Add(new NpgsqlParameter("sectors", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = sectors.ToArray() });

        var rows = new Dictionary<string, Row>();
        var states = new Dictionary<string, StateSubtotal>();
        Dictionary<string, Cell> EmptyCells(string? empty) => sectors.ToDictionary(s => s, _ => new Cell(0, null, empty));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var pcode = reader.GetString(1);
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            var cells = reader.GetString(0) == "township"
                ? (rows.TryGetValue(pcode, out var row) ? row : rows[pcode] = new Row(pcode, Text(2), Text(3), reader.GetString(4), EmptyCells("none"))).Cells
                : (states.TryGetValue(pcode, out var st) ? st : states[pcode] = new StateSubtotal(pcode, Text(2), Text(3), EmptyCells(null))).Cells;
            if (reader.IsDBNull(5)) continue;
            cells[reader.GetString(5)] = new Cell(reader.GetInt32(6), UnitCoverage.LevelName(reader.IsDBNull(7) ? null : reader.GetInt16(7)),
                reader.IsDBNull(8) ? null : reader.GetString(8));
        }
        return new GridTable("township", sectors, [.. rows.Values], [.. states.Values]);
    }

    static readonly string[] CsvLeadColumns = ["row", "pcode", "name_en", "name_my", "state_pcode"];

    static IResult ToCsv(GridTable grid)
    {
        var csv = new CsvText();
        csv.Row([.. CsvLeadColumns.Concat(grid.Sectors.SelectMany(s => new[] { $"{s}_count", $"{s}_finest_level", $"{s}_reason" }))]);
        IEnumerable<string?> Cells(Dictionary<string, Cell> cells) =>
            grid.Sectors.SelectMany(s => new[] { CsvText.Number(cells[s].Count), cells[s].FinestLevel, cells[s].Reason });
        foreach (var r in grid.Rows)
            csv.Row(["township", r.Pcode, r.NameEn, r.NameMy, r.StatePcode, .. Cells(r.Cells)]);
        foreach (var s in grid.StateSubtotals)
            csv.Row(["state subtotal", s.StatePcode, s.NameEn, s.NameMy, s.StatePcode, .. Cells(s.Cells)]);
        return csv.ToResult();
    }
}
