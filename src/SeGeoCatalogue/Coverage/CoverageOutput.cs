using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using SeGeoCatalogue.Boundaries;
using SeGeoCatalogue.Demand;
using SeGeoCatalogue.GapReasons;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Coverage;

/// <summary>Coverage rows leave as GeoJSON (RFC 7946: lon/lat, rings counter-clockwise as stored, no crs) or as CSV.</summary>
static class CoverageOutput
{
    // Myanmar script as written, not as \uXXXX escapes: the same JSON, readable in a text editor and 2.5 times shorter.
    static readonly JsonWriterOptions WriterOptions = JsonConventions.Writer;

    public static IResult GeoJson(IReadOnlyList<UnitCoverage> units, CoverageRequest request, HttpRequest http,
        IReadOnlyDictionary<string, object?>? extra = null, IReadOnlyDictionary<string, UnitDemand>? demand = null,
        IReadOnlyDictionary<string, UnitReason>? reasons = null)
    {
        var self = $"{http.Scheme}://{http.Host}{http.PathBase}{http.Path}{http.QueryString}";
        return new FeatureCollectionResult(Features(units, request, demand, reasons ?? new Dictionary<string, UnitReason>()), units.Count, [new(self, "self")], extra);
    }

    static async IAsyncEnumerable<string> Features(IReadOnlyList<UnitCoverage> units, CoverageRequest request,
        IReadOnlyDictionary<string, UnitDemand>? demand, IReadOnlyDictionary<string, UnitReason> reasons,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var filterQuery = request.FilterQuery();
        var buffer = new MemoryStream();
        foreach (var unit in units)
        {
            ct.ThrowIfCancellationRequested();
            buffer.SetLength(0);
            using (var json = new Utf8JsonWriter(buffer, WriterOptions))
            {
                json.WriteStartObject();
                json.WriteString("type", "Feature");
                json.WriteString("id", unit.Pcode);
                json.WritePropertyName("geometry");
                if (unit.Geometry is null) json.WriteNullValue();
                else json.WriteRawValue(unit.Geometry, skipInputValidation: true);
                json.WriteStartObject("properties");
                json.WriteString("pcode", unit.Pcode);
                json.WriteString("level", request.Level.ApiName());
                json.WriteString("name_en", unit.NameEn);
                json.WriteString("name_my", unit.NameMy);
                json.WriteString("state_pcode", unit.StatePcode);
                json.WriteString("township_pcode", unit.TownshipPcode);
                json.WriteString("class", unit.Class);
                json.WriteNumber("dataset_count", unit.DatasetCount);
                json.WriteNumber("collected_count", unit.CollectedCount);
                json.WriteString("finest_level", unit.FinestLevel);
                json.WriteString("freshness", unit.Freshness);
                json.WriteNumber("share_covered", unit.ShareCovered);
                json.WritePropertyName("datasets");
                json.WriteRawValue(unit.DatasetsJson, skipInputValidation: true);
                json.WriteString("datasets_href", DatasetsHref(unit.Pcode, filterQuery));
                WriteReason(json, reasons.GetValueOrDefault(unit.Pcode));
                if (demand is not null) WriteDemand(json, demand.GetValueOrDefault(unit.Pcode));
                json.WriteEndObject();
                json.WriteEndObject();
            }
            yield return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        await Task.CompletedTask;
    }

    /// <summary>"reason": null or why the unit has no data; "reason_marks": the marks behind it (who as organisation and role only).</summary>
    static void WriteReason(Utf8JsonWriter json, UnitReason? reason)
    {
        json.WriteString("reason", reason?.Reason);
        json.WritePropertyName("reason_marks");
        if (reason is null) json.WriteNullValue();
        else WriteMarks(json, reason);
    }

    /// <summary>The marks behind a unit's reason, as an array (who as organisation and role only).</summary>
    public static void WriteMarks(Utf8JsonWriter json, UnitReason reason)
    {
        json.WriteStartArray();
        foreach (var m in reason.Marks)
        {
            json.WriteStartObject();
            json.WriteString("sector", m.Sector);
            json.WriteString("reason", m.Reason);
            json.WriteString("comment", m.Comment);
            json.WriteString("observed_on", m.ObservedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStartObject("marked_by");
            json.WriteString("organisation", m.Organisation);
            json.WriteString("role", m.Role);
            json.WriteEndObject();
            json.WriteString("marked_at", m.MarkedAt);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>A mark in one CSV cell: "not-applicable: no coastline (Org, 2026-12-01)"; several joined with "; ".</summary>
    public static string? ReasonText(UnitReason? reason) => reason is null ? null : string.Join("; ", reason.Marks.Select(m =>
        $"{m.Sector} {m.Reason}: {m.Comment} ({m.Organisation ?? m.Role}, {m.ObservedOn:yyyy-MM-dd})"));

    /// <summary>"demand": null, or how many organisations asked for data here, how many needs, the newest note.</summary>
    static void WriteDemand(Utf8JsonWriter json, UnitDemand? demand)
    {
        json.WritePropertyName("demand");
        if (demand is null) json.WriteNullValue();
        else WriteDemandObject(json, demand);
    }

    /// <summary>{organisations, needs, newest_note, newest_at}.</summary>
    public static void WriteDemandObject(Utf8JsonWriter json, UnitDemand demand)
    {
        json.WriteStartObject();
        json.WriteNumber("organisations", demand.Organisations);
        json.WriteNumber("needs", demand.Needs);
        json.WriteString("newest_note", demand.NewestNote);
        json.WriteString("newest_at", demand.NewestAt);
        json.WriteEndObject();
    }

    public static string DatasetsHref(string pcode, string filterQuery) =>
        $"/api/datasets?pcode={pcode}{(filterQuery.Length > 0 ? "&" + filterQuery : "")}";

    /// <summary>The coverage table without geometry.</summary>
    public static IResult Csv(IReadOnlyList<UnitCoverage> units, CoverageRequest request, IReadOnlyDictionary<string, UnitDemand>? demand = null,
        IReadOnlyDictionary<string, UnitReason>? reasons = null)
    {
        var filterQuery = request.FilterQuery();
        var csv = new CsvText();
        string[] header = ["pcode", "level", "name_en", "name_my", "state_pcode", "township_pcode", "class", "dataset_count", "collected_count", "finest_level", "freshness", "share_covered", "datasets", "datasets_href", "reason", "reason_detail"];
        csv.Row(demand is null ? header : [.. header, "demand_organisations", "demand_newest_note"]);
        foreach (var u in units)
        {
            var titles = JsonDocument.Parse(u.DatasetsJson).RootElement.EnumerateArray().Select(d => d.GetProperty("title").GetString());
            string?[] row = [u.Pcode, request.Level.ApiName(), u.NameEn, u.NameMy, u.StatePcode, u.TownshipPcode,
                u.Class, CsvText.Number(u.DatasetCount), CsvText.Number(u.CollectedCount), u.FinestLevel, u.Freshness, CsvText.Number(u.ShareCovered), string.Join("; ", titles), DatasetsHref(u.Pcode, filterQuery),
                reasons?.GetValueOrDefault(u.Pcode)?.Reason, ReasonText(reasons?.GetValueOrDefault(u.Pcode))];
            var d = demand?.GetValueOrDefault(u.Pcode);
            csv.Row(demand is null ? row : [.. row, CsvText.Number(d?.Organisations ?? 0), d?.NewestNote]);
        }
        return csv.ToResult();
    }
}
