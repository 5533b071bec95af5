using System.Text.Json;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Boundaries;
using SeGeoCatalogue.Coverage.Counting;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Demand;
using SeGeoCatalogue.GapReasons;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Coverage;

/// <summary>
/// The map's compact counts: per unit pcode one array of numbers in the order of <c>columns</c>, text values as indexes
/// into <c>codes</c> (null stays null), <c>reason_marks</c> and (signed in) <c>demand</c> only for the units that have
/// them, no names, titles or geometry — the polygons come from /tiles and a unit's
/// datasets from <c>datasets_href</c> with its pcode when asked. Read by the same code path as /api/coverage
/// (<see cref="CoverageApi.UnitsAsync"/>): same filters, same 400s, same visibility, same X-Coverage-Path.
/// </summary>
public static class CoverageCountsApi
{
    static readonly string[] Columns = ["class", "dataset_count", "collected_count", "finest_level", "freshness", "share_covered", "reason"];
    static readonly string[] FinestLevels = [.. Vocabularies.Levels.Select(l => l.Term.Code)];

    public static async Task<IResult> Counts(HttpContext http, CatalogueReads reads, CoverageCounts counts, IViewerAccessor viewers,
        TimeProvider time, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var request = CoverageRequest.FromQuery(http.Request.Query, errors, time, defaultGeometry: "none") with { WithTitles = false };
        if (errors.Any) return errors.ToResult();
        if (request.Geometry != "none")
            return new FieldErrors().Add("geometry", "the counts carry no geometry; leave geometry out (the polygons come from /tiles).").ToResult();
        if (request.Csv)
            return new FieldErrors().Add("f", "the counts are JSON only; use /api/coverage?f=csv for a table.").ToResult();

        var viewer = viewers.Current(http);
        var db = reads.For(viewer);
        var units = await CoverageApi.UnitsAsync(http, request, viewer, db, counts, ct);
        if (units.Count == 0 && request.State is not null) return CoverageApi.UnknownState(request.State);
        var reasons = await UnitReason.ReadAsync(db, request.Level, request.Filter.Sectors, request.State, ct);
        var demand = viewer.IsAnonymous ? null : await UnitDemand.ReadAsync(db, request.Level, request.Filter.Sectors, request.Filter.Indicators, ct);
        return Results.Bytes(Write(units, request, reasons, demand), "application/json; charset=utf-8");
    }

    static byte[] Write(List<UnitCoverage> units, CoverageRequest request, Dictionary<string, UnitReason> reasons,
        IReadOnlyDictionary<string, UnitDemand>? demand)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonConventions.Writer))
        {
            json.WriteStartObject();
            json.WriteString("level", request.Level.ApiName());
            WriteStrings(json, "columns", Columns);
            json.WriteStartObject("codes");
            WriteStrings(json, "class", UnitCoverage.Classes);
            WriteStrings(json, "finest_level", FinestLevels);
            WriteStrings(json, "freshness", Freshness.States);
            WriteStrings(json, "reason", GapReasonCodes.All);
            json.WriteEndObject();
            // The pcode goes where {pcode} stands: the unit's datasets under the same filters.
            json.WriteString("datasets_href", CoverageOutput.DatasetsHref("{pcode}", request.FilterQuery()));
            json.WriteStartObject("units");
            foreach (var u in units)
            {
                json.WriteStartArray(u.Pcode);
                json.WriteNumberValue(Array.IndexOf(UnitCoverage.Classes, u.Class));
                json.WriteNumberValue(u.DatasetCount);
                json.WriteNumberValue(u.CollectedCount);
                WriteCode(json, FinestLevels, u.FinestLevel);
                WriteCode(json, Freshness.States, u.Freshness);
                json.WriteNumberValue(u.ShareCovered);
                WriteCode(json, GapReasonCodes.All, reasons.GetValueOrDefault(u.Pcode)?.Reason);
                json.WriteEndArray();
            }
            json.WriteEndObject();
            // Only the units that have them: the marks behind a reason (or reported beside data), as on /api/coverage.
            json.WriteStartObject("reason_marks");
            foreach (var u in units)
            {
                if (reasons.GetValueOrDefault(u.Pcode) is not { } r) continue;
                json.WritePropertyName(u.Pcode);
                CoverageOutput.WriteMarks(json, r);
            }
            json.WriteEndObject();
            // Signed-in viewers only (as on /api/coverage): the units with demand.
            if (demand is not null)
            {
                json.WriteStartObject("demand");
                foreach (var u in units)
                {
                    if (demand.GetValueOrDefault(u.Pcode) is not { } d) continue;
                    json.WritePropertyName(u.Pcode);
                    CoverageOutput.WriteDemandObject(json, d);
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteStringValue(v);
        json.WriteEndArray();
    }

    static void WriteCode(Utf8JsonWriter json, string[] codes, string? value)
    {
        if (value is null) json.WriteNullValue();
        else json.WriteNumberValue(Array.IndexOf(codes, value));
    }
}
