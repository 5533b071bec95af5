using System.Text.Json.Nodes;
using SeGeoCatalogue.ApiDocs;
using Npgsql;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Coverage.Counting;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Demand;
using SeGeoCatalogue.GapReasons;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Coverage;

/// <summary>Coverage and gap maps and the township × sector grid: where data exists for the records a viewer may see.</summary>
public static class CoverageApi
{
    public static IEndpointRouteBuilder MapCoverage(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Coverage");
        group.MapGet("/coverage", Coverage).WithSummary("Per unit of a level: the records counted there, their finest level and the unit's class")
            .WithQuery(CoverageRequest.Parameters()).Produces<JsonObject>(contentType: "application/geo+json")
            .AlsoAsCsv().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/gaps", Gaps).WithSummary("The units of a level without data for the filters, and why when marked")
            .WithQuery(CoverageRequest.Parameters()).Produces<JsonObject>(contentType: "application/geo+json")
            .AlsoAsCsv().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/coverage/grid", CoverageGridApi.Grid).WithSummary("Township × sector counts, with state/region subtotals")
            .WithQuery(CoverageRequest.Parameters(defaultGeometry: "none")).Produces<CoverageGridApi.GridTable>()
            .AlsoAsCsv().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/coverage/counts", CoverageCountsApi.Counts).WithSummary("The map's counts, compact: per pcode of a level, its numbers as coded columns (no names, titles or geometry)")
            .WithQuery(CoverageRequest.Parameters(defaultGeometry: "none")).Produces<JsonObject>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    static Task<IResult> Coverage(HttpContext http, CatalogueReads reads, CoverageCounts counts, IViewerAccessor viewers, TimeProvider time, CancellationToken ct) =>
        RespondAsync(gapsOnly: false, http, reads, counts, viewers, time, ct);

    static Task<IResult> Gaps(HttpContext http, CatalogueReads reads, CoverageCounts counts, IViewerAccessor viewers, TimeProvider time, CancellationToken ct) =>
        RespondAsync(gapsOnly: true, http, reads, counts, viewers, time, ct);

    /// <summary>Every unit at the level (coverage), or only those without data plus a summary (gaps), as GeoJSON or CSV.</summary>
    static async Task<IResult> RespondAsync(bool gapsOnly, HttpContext http, CatalogueReads reads, CoverageCounts counts, IViewerAccessor viewers,
        TimeProvider time, CancellationToken ct)
    {
        var errors = new FieldErrors();
        // The gaps show only units without data, so no unit they show has titles to list.
        var request = CoverageRequest.FromQuery(http.Request.Query, errors, time) with { WithTitles = !gapsOnly };
        if (errors.Any) return errors.ToResult();
        if (request.Csv) request = request with { Geometry = "none" };

        var viewer = viewers.Current(http);
        var db = reads.For(viewer);
        var units = await UnitsAsync(http, request, viewer, db, counts, ct);
        if (units.Count == 0 && request.State is not null) return UnknownState(request.State);
        var shown = gapsOnly ? units.Where(u => u.DatasetCount == 0).ToList() : units;

        if (request.Csv || request.Download)
            request.SetAttachment(http, request.FileName(gapsOnly ? "gaps" : "coverage", time, request.Csv ? "csv" : "geojson"));
        // Demand is the network's own planning: only signed-in viewers see it.
        var demand = viewer.IsAnonymous ? null : await UnitDemand.ReadAsync(db, request.Level, request.Filter.Sectors, request.Filter.Indicators, ct);
        // Why a unit has no data is public (who said it shows as organisation and role only).
        var reasons = await UnitReason.ReadAsync(db, request.Level, request.Filter.Sectors, request.State, ct);
        if (request.Csv) return CoverageOutput.Csv(shown, request, demand, reasons);
        var extra = gapsOnly ? new Dictionary<string, object?> { ["summary"] = await GapSummaryAsync(db, units, reasons, ct) } : null;
        return CoverageOutput.GeoJson(shown, request, http.Request, extra, demand, reasons);
    }

    /// <summary>
    /// Coverage of every unit at the request's level: from this node's counting structure when it covers the request
    /// (Counting/), else the SQL statement. The one way coverage, gaps and the compact counts are read.
    /// </summary>
    internal static async Task<List<UnitCoverage>> UnitsAsync(HttpContext http, CoverageRequest request, Viewer viewer, NpgsqlDataSource db,
        CoverageCounts counts, CancellationToken ct) =>
        await counts.TryUnitsAsync(http, request, viewer, ct) ?? await UnitCoverage.ReadAsync(db, request, viewer, ct);

    /// <summary>
    /// How many units there are and how many have no data, overall and per state/region: <c>gaps</c> are the true gaps
    /// (no data and no reason), <c>not_applicable</c> and <c>inaccessible</c> the units without data marked so;
    /// <c>no_data</c> is their sum and <c>share</c> the true gaps' share of the units.
    /// </summary>
    static async Task<Dictionary<string, object?>> GapSummaryAsync(NpgsqlDataSource db, List<UnitCoverage> units,
        Dictionary<string, UnitReason> reasons, CancellationToken ct)
    {
        var names = new Dictionary<string, string?>();
        await using (var cmd = db.CreateCommand("SELECT pcode, name_en FROM admin_units WHERE level = 1"))
        await using (var rows = await cmd.ExecuteReaderAsync(ct))
            while (await rows.ReadAsync(ct)) names[rows.GetString(0)] = rows.IsDBNull(1) ? null : rows.GetString(1);

        static double Share(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
        string? ReasonOf(UnitCoverage u) => reasons.GetValueOrDefault(u.Pcode)?.Reason;
        Dictionary<string, object?> Totals(IReadOnlyCollection<UnitCoverage> some)
        {
            var empty = some.Where(u => u.DatasetCount == 0).ToList();
            var gaps = empty.Count(u => ReasonOf(u) is null);
            return new Dictionary<string, object?>
            {
                ["units"] = some.Count, ["gaps"] = gaps, ["share"] = Share(gaps, some.Count),
                ["not_applicable"] = empty.Count(u => ReasonOf(u) == GapReasonCodes.NotApplicable),
                ["inaccessible"] = empty.Count(u => ReasonOf(u) == GapReasonCodes.Inaccessible),
                ["no_data"] = empty.Count,
            };
        }
        var summary = Totals(units);
        summary["by_state"] = units.GroupBy(u => u.StatePcode).OrderBy(g => g.Key).Select(g =>
            new Dictionary<string, object?> { ["state_pcode"] = g.Key, ["name_en"] = names.GetValueOrDefault(g.Key) }
                .Concat(Totals([.. g])).ToDictionary()).ToList();
        return summary;
    }

    internal static IResult UnknownState(string state) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Unknown state/region",
        detail: $"state: no state/region has the pcode '{state}' or it has no units at this level; the wider SE is MMR002, MMR003, MMR006, MMR007, MMR011, MMR014 and MMR016.");
}
