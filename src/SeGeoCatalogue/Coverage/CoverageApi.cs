using Npgsql;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Demand;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Coverage;

/// <summary>Coverage and gap maps and the township × sector grid: where data exists for the records a viewer may see.</summary>
public static class CoverageApi
{
    public static IEndpointRouteBuilder MapCoverage(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Coverage");
        group.MapGet("/coverage", Coverage);
        group.MapGet("/gaps", Gaps);
        group.MapGet("/coverage/grid", CoverageGridApi.Grid);
        return app;
    }

    static Task<IResult> Coverage(HttpContext http, NpgsqlDataSource db, IViewerAccessor viewers, TimeProvider time, CancellationToken ct) =>
        RespondAsync(gapsOnly: false, http, db, viewers, time, ct);

    static Task<IResult> Gaps(HttpContext http, NpgsqlDataSource db, IViewerAccessor viewers, TimeProvider time, CancellationToken ct) =>
        RespondAsync(gapsOnly: true, http, db, viewers, time, ct);

    /// <summary>Every unit at the level (coverage), or only those without data plus a summary (gaps), as GeoJSON or CSV.</summary>
    static async Task<IResult> RespondAsync(bool gapsOnly, HttpContext http, NpgsqlDataSource db, IViewerAccessor viewers,
        TimeProvider time, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var request = CoverageRequest.FromQuery(http.Request.Query, errors, time);
        if (errors.Any) return errors.ToResult();
        if (request.Csv) request = request with { Geometry = "none" };

        var viewer = viewers.Current(http);
        var units = await UnitCoverage.ReadAsync(db, request, viewer, ct);
        if (units.Count == 0 && request.State is not null) return UnknownState(request.State);
        var shown = gapsOnly ? units.Where(u => u.DatasetCount == 0).ToList() : units;

        if (request.Csv || request.Download)
            request.SetAttachment(http, request.FileName(gapsOnly ? "gaps" : "coverage", time, request.Csv ? "csv" : "geojson"));
        // Demand is the network's own planning: only signed-in viewers see it.
        var demand = viewer.IsAnonymous ? null : await UnitDemand.ReadAsync(db, request.Level, request.Filter.Sectors, request.Filter.Indicators, ct);
        if (request.Csv) return CoverageOutput.Csv(shown, request, demand);
        var extra = gapsOnly ? new Dictionary<string, object?> { ["summary"] = await GapSummaryAsync(db, units, ct) } : null;
        return CoverageOutput.GeoJson(shown, request, http.Request, extra, demand);
    }

    /// <summary>How many units there are and how many are gaps, overall and per state/region.</summary>
    static async Task<Dictionary<string, object?>> GapSummaryAsync(NpgsqlDataSource db, List<UnitCoverage> units, CancellationToken ct)
    {
        var names = new Dictionary<string, string?>();
        await using (var cmd = db.CreateCommand("SELECT pcode, name_en FROM admin_units WHERE level = 1"))
        await using (var rows = await cmd.ExecuteReaderAsync(ct))
            while (await rows.ReadAsync(ct)) names[rows.GetString(0)] = rows.IsDBNull(1) ? null : rows.GetString(1);

        static double Share(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
        var gaps = units.Count(u => u.DatasetCount == 0);
        return new Dictionary<string, object?>
        {
            ["units"] = units.Count,
            ["gaps"] = gaps,
            ["share"] = Share(gaps, units.Count),
            ["by_state"] = units.GroupBy(u => u.StatePcode).OrderBy(g => g.Key).Select(g =>
            {
                var stateGaps = g.Count(u => u.DatasetCount == 0);
                return new Dictionary<string, object?>
                {
                    ["state_pcode"] = g.Key, ["name_en"] = names.GetValueOrDefault(g.Key),
                    ["units"] = g.Count(), ["gaps"] = stateGaps, ["share"] = Share(stateGaps, g.Count()),
                };
            }).ToList(),
        };
    }

    internal static IResult UnknownState(string state) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Unknown state/region",
        detail: $"state: no state/region has the pcode '{state}' or it has no units at this level; the wider SE is MMR002, MMR003, MMR006, MMR007, MMR011, MMR014 and MMR016.");
}
