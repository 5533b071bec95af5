using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Datasets;

/// <summary>Field-level history: what a record's writable fields were before and after each change.</summary>
public static class DatasetHistory
{
    public sealed record Change(string Field, JsonNode? Old, JsonNode? New);
    /// <summary>A history entry as GET …/history returns it: the author as the viewer may see them, changes as <see cref="HistoryText"/> renders them.</summary>
    public sealed record Entry(DateTimeOffset ChangedAt, AuthorJson ChangedBy, string Action, JsonArray Changes, string? Comment);

    const string FootprintField = "area.footprint";

    /// <summary>The writable fields of a record as JSON values, keyed by their API names.</summary>
    public static Dictionary<string, JsonNode?> Snapshot(Dataset d, IReadOnlyList<string> pickedPcodes) => new()
    {
        ["title"] = d.Title, ["summary"] = d.Summary, ["holder_id"] = d.HolderId, ["contact"] = d.Contact, ["source"] = d.Source, ["license"] = d.License,
        ["sectors"] = Array(d.Sectors), ["indicators"] = Array(d.Indicators), ["disaggregation_level"] = d.DisaggregationLevel,
        ["methods"] = Array(d.Methods), ["spatial_completeness"] = d.SpatialCompleteness, ["period_start"] = d.PeriodStart?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["period_end"] = d.PeriodEnd?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["collected_on"] = d.CollectedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["update_frequency"] = d.UpdateFrequency, ["availability"] = d.Availability, ["formats"] = Array(d.Formats),
        ["links"] = JsonNode.Parse(d.Links), ["assessment_status"] = d.AssessmentStatus, ["visibility"] = d.Visibility,
        ["footprint_sensitive"] = d.FootprintSensitive, ["area.pcodes"] = Array(pickedPcodes),
        [FootprintField] = Summary(d.Footprint), ["area.footprint_threshold"] = d.FootprintThreshold,
    };

    /// <summary>The fields whose values differ; a created record diffs against nothing.</summary>
    public static List<Change> Diff(Dictionary<string, JsonNode?>? before, Dictionary<string, JsonNode?> after) =>
        after.Where(f => !JsonNode.DeepEquals(before?.GetValueOrDefault(f.Key), f.Value)
                         && !(before is null && f.Value is null or JsonArray { Count: 0 }))
             .Select(f => new Change(f.Key, before?.GetValueOrDefault(f.Key)?.DeepClone(), f.Value?.DeepClone()))
             .ToList();

    public static string ToJson(IEnumerable<Change> changes) => JsonSerializer.Serialize(changes, Options);

    /// <summary>
    /// A footprint is recorded by its size, extent and a fingerprint, not its vertices: history must stay small
    /// (a footprint may have 50,000 vertices), and the fingerprint still tells whether it changed.
    /// </summary>
    static JsonNode? Summary(MultiPolygon? footprint) => footprint is null ? null : new JsonObject
    {
        ["vertices"] = footprint.NumPoints,
        ["bbox"] = Array(new[] { footprint.EnvelopeInternal.MinX, footprint.EnvelopeInternal.MinY, footprint.EnvelopeInternal.MaxX, footprint.EnvelopeInternal.MaxY }.Select(v => Math.Round(v, 5))),
        ["fingerprint"] = Convert.ToHexString(SHA256.HashData(footprint.AsBinary()))[..16].ToLowerInvariant(),
    };

    static JsonArray Array<T>(IEnumerable<T> values) => new(values.Select(v => JsonValue.Create(v)).ToArray<JsonNode?>());

    static readonly JsonSerializerOptions Options = JsonConventions.Options;

    /// <summary>GET /api/datasets/{id}/history: newest first; footprint details hidden from viewers who may not see them.</summary>
    public static async Task<IResult> GetAsync(int id, CatalogueDb db, IViewerAccessor viewers, HttpContext http, CancellationToken ct)
    {
        var viewer = viewers.Current(http);
        // One query: the record is visible (else 404) and whether its detail is.
        var seesDetail = await db.Datasets.VisibleTo(viewer).Where(d => d.Id == id).SeesDetail(viewer).Select(x => (bool?)x).FirstOrDefaultAsync(ct);
        if (seesDetail is not { } detail) return DatasetsApi.NotFound(id);
        var rows = await db.DatasetChanges.AsNoTracking().Where(c => c.DatasetId == id)
            .OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id).ToListAsync(ct);
        var parsed = rows.Select(r => JsonNode.Parse(r.Changes) as JsonArray ?? []).ToList();
        var shown = detail ? null : (await DatasetVisibility.ShownWithoutDetailAsync(db, PcodesIn(parsed), ct)).ToHashSet();
        var changes = parsed.Select(c => Redact(c, shown).OfType<JsonObject>().ToList()).ToList();
        var text = await HistoryText.LoadAsync(db, changes.SelectMany(c => c).ToList(), ct);
        var authors = await Authors.LoadAsync(db, viewer, rows.Select(r => r.ChangedBy), ct);
        return TypedResults.Ok(rows.Select((r, i) => new Entry(r.ChangedAt, authors.Show(r.ChangedBy), r.Action,
            new JsonArray(changes[i].Select(c => (JsonNode?)text.Render(c)).ToArray()), r.Comment)));
    }

    static List<string> PcodesIn(List<JsonArray> changes) =>
        [.. changes.SelectMany(c => c.OfType<JsonObject>()).Where(c => (string?)c["field"] == "area.pcodes")
            .SelectMany(c => new[] { c["old"], c["new"] }).OfType<JsonArray>().SelectMany(a => a.Select(p => (string?)p)).OfType<string>().Distinct()];

    /// <summary>Without detail (<paramref name="shown"/> is then the pcodes shown as they are), the footprint's values and the finer units are left out.</summary>
    static JsonArray Redact(JsonArray list, HashSet<string>? shown)
    {
        if (shown is null) return list;
        foreach (var change in list.OfType<JsonObject>())
        {
            var field = (string?)change["field"];
            foreach (var side in new[] { "old", "new" })
            {
                if (field == FootprintField && change[side] is not null) change[side] = "(hidden)";
                if (field == "area.pcodes" && change[side] is JsonArray pcodes)
                    change[side] = Array(pcodes.Select(p => (string)p!).Where(shown.Contains));
            }
        }
        return list;
    }
}
