using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SeGeoCatalogue.Data;

namespace SeGeoCatalogue.Datasets;

/// <summary>
/// A stored history change as a person reads it: the field's label, vocabulary labels instead of codes, organisation
/// and unit names instead of ids and pcodes, and a footprint told by its size and extent. The stored rows keep the
/// codes (and the footprint's fingerprint), so the rendering can change without rewriting history.
/// </summary>
public sealed class HistoryText
{
    static readonly Dictionary<string, string> Labels = new()
    {
        ["title"] = "Title", ["summary"] = "Summary", ["holder_id"] = "Holder", ["contact"] = "Contact", ["source"] = "Source", ["license"] = "Licence",
        ["sectors"] = "Sectors", ["indicators"] = "Indicators", ["disaggregation_level"] = "Level of detail", ["methods"] = "Methods",
        ["period_start"] = "Period start", ["period_end"] = "Period end", ["collected_on"] = "Collected on",
        ["update_frequency"] = "Update frequency", ["availability"] = "Availability", ["formats"] = "Formats", ["links"] = "Links",
        ["assessment_status"] = "Assessment status", ["visibility"] = "Visible to", ["footprint_sensitive"] = "Footprint restricted",
        ["area.pcodes"] = "Units picked", ["area.footprint"] = "Footprint", ["area.footprint_threshold"] = "Footprint threshold",
        ["curation_state"] = "Curation state", ["deleted_at"] = "Deleted",
    };

    static readonly Dictionary<string, IReadOnlyList<Term>> Vocabulary = new()
    {
        ["sectors"] = Vocabularies.Sectors, ["disaggregation_level"] = Vocabularies.Levels.Select(l => l.Term).ToList(),
        ["methods"] = Vocabularies.Methods, ["update_frequency"] = Vocabularies.UpdateFrequencies, ["availability"] = Vocabularies.Availability,
        ["assessment_status"] = Vocabularies.AssessmentStatuses, ["visibility"] = Vocabularies.Visibilities, ["curation_state"] = Vocabularies.CurationStates,
    };

    readonly Dictionary<int, string> _organisations;
    readonly Dictionary<string, string> _units;

    HistoryText(Dictionary<int, string> organisations, Dictionary<string, string> units) => (_organisations, _units) = (organisations, units);

    /// <summary>Looks up the organisations and units the <paramref name="changes"/> name.</summary>
    public static async Task<HistoryText> LoadAsync(CatalogueDb db, IReadOnlyList<JsonObject> changes, CancellationToken ct)
    {
        var values = changes.SelectMany(c => new[] { c["old"], c["new"] }.Select(v => ((string?)c["field"], v))).ToList();
        var holders = values.Where(v => v.Item1 == "holder_id" && v.v is JsonValue).Select(v => (int)v.v!).Distinct().ToList();
        var pcodes = values.Where(v => v.Item1 == "area.pcodes" && v.v is JsonArray)
            .SelectMany(v => v.v!.AsArray().Select(p => (string)p!)).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => holders.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var units = await db.AdminUnits.AsNoTracking().Where(u => pcodes.Contains(u.Pcode))
            .ToDictionaryAsync(u => u.Pcode, u => u.NameEn ?? u.Pcode, ct);
        return new HistoryText(organisations, units);
    }

    public JsonObject Render(JsonObject change)
    {
        var field = (string?)change["field"] ?? "";
        return new JsonObject
        {
            ["field"] = field,
            ["label"] = Labels.GetValueOrDefault(field, field),
            ["old"] = Value(field, change["old"]),
            ["new"] = Value(field, change["new"]),
        };
    }

    JsonNode? Value(string field, JsonNode? value) => value switch
    {
        null => null,
        JsonArray list => new JsonArray(list.Select(item => Value(field, item)).ToArray()),
        JsonValue v when (field == "holder_id" && v.TryGetValue<int>(out var id)) => _organisations.GetValueOrDefault(id, $"organisation {id}"),
        JsonValue v when Vocabulary.TryGetValue(field, out var terms) && v.TryGetValue<string>(out var code) =>
            terms.FirstOrDefault(t => t.Code == code)?.Label ?? code,
        JsonValue v when field == "area.pcodes" && v.TryGetValue<string>(out var pcode) =>
            _units.TryGetValue(pcode, out var name) ? $"{name} ({pcode})" : pcode,
        JsonValue v when field == "area.footprint_threshold" && v.TryGetValue<double>(out var share) =>
            $"{(share * 100).ToString("0.#", CultureInfo.InvariantCulture)} % of a unit's area",
        JsonValue v when v.TryGetValue<bool>(out var flag) => flag ? "yes" : "no",
        JsonValue v when field == "deleted_at" && v.TryGetValue<DateTimeOffset>(out var at) =>
            at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        JsonObject footprint when field == "area.footprint" => Footprint(footprint),
        JsonObject link when field == "links" => (string?)link["title"] is { Length: > 0 } title ? $"{title}: {(string?)link["url"]}" : (string?)link["url"],
        _ => value.DeepClone(),
    };

    /// <summary>"1,234 vertices within 97.6–97.66 °E, 16.45–16.5 °N": the stored summary without its fingerprint.</summary>
    static string Footprint(JsonObject summary)
    {
        var vertices = ((int?)summary["vertices"] ?? 0).ToString("N0", CultureInfo.InvariantCulture);
        if (summary["bbox"] is not JsonArray { Count: 4 } b) return $"{vertices} vertices";
        string N(int i) => ((double)b[i]!).ToString("0.###", CultureInfo.InvariantCulture);
        return $"{vertices} vertices within {N(0)}–{N(2)} °E, {N(1)}–{N(3)} °N";
    }
}
