using System.Text.Json.Nodes;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Dcat;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Ogc.Records;

/// <summary>
/// A dataset record as OGC API – Records describes it (record-core, GeoJSON encoding), made from the feature the
/// datasets collection serves (Exports/DatasetRecords: the visibility rule already chose its rows and its geometry).
/// Contacts are the holding organisation and the record's contact as the public record shows it; no member's name
/// or address is read here.
/// </summary>
public static class RecordJson
{
    public const string RecordCore = "http://www.opengis.net/spec/ogcapi-records-1/1.0/req/record-core";

    public static async IAsyncEnumerable<string> FromFeaturesAsync(IAsyncEnumerable<string> features, string root)
    {
        await foreach (var feature in features) yield return FromFeature(feature, root);
    }

    public static string FromFeature(string featureText, string root)
    {
        var feature = JsonNode.Parse(featureText)!.AsObject();
        var p = feature["properties"]!.AsObject();
        var id = (int)p["id"]!;
        var self = $"{root}/ogc/collections/catalogue/items/{id}";
        var properties = new JsonObject
        {
            ["type"] = RecordQuery.RecordType,
            ["title"] = Text(p, "title"),
            ["description"] = Text(p, "summary"),
            ["keywords"] = Strings(p, "indicators"),
            ["themes"] = new JsonArray(Themes(p, root)),
            ["contacts"] = Contacts(p),
            ["formats"] = new JsonArray([.. List(p, "formats").Select(f => (JsonNode?)new JsonObject { ["name"] = f })]),
            ["language"] = new JsonObject { ["code"] = "en", ["name"] = "English" },
            ["created"] = Text(p, "created_at"),
            ["updated"] = Text(p, "updated_at"),
            ["rights"] = $"Availability: {Label(Vocabularies.Availability, Text(p, "availability"))}",
        };
        if (Text(p, "license") is { } license) properties["license"] = license.Contains("://", StringComparison.Ordinal) ? "other" : license;
        if (properties["description"] is null) properties.Remove("description");

        var links = new JsonArray(
            Link(self, "self", "application/geo+json", "This record"),
            Link($"{root}/ogc/collections/catalogue", "collection", "application/json", "The catalogue"),
            Link($"{root}/dataset.html?id={id}", "alternate", "text/html", "The record's page"));
        foreach (var download in RecordDownloads.For(id, root))
            links.Add(Link(download.Url, "enclosure", download.MediaType, download.Title));
        if (Text(p, "license") is { } licence) links.Add(Link(Licences.Iri(licence), "license", "text/html", "The licence"));
        if (p["links"] is JsonArray own)
            foreach (var link in own.OfType<JsonObject>().Where(l => l["url"] is not null))
                links.Add(Link((string)link["url"]!, "related", null, (string?)link["title"]));

        return new JsonObject
        {
            ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["type"] = "Feature",
            ["conformsTo"] = new JsonArray(RecordCore),
            ["time"] = Time(Text(p, "period_start"), Text(p, "period_end")),
            ["geometry"] = feature["geometry"]?.DeepClone(),
            ["properties"] = properties,
            ["links"] = links,
        }.ToJsonString(JsonConventions.Options);
    }

    /// <summary>The reference period as an interval of days, ".." for an unknown end; null when the record has none.</summary>
    static JsonObject? Time(string? start, string? end) =>
        start is null && end is null ? null : new JsonObject { ["interval"] = new JsonArray(start ?? "..", end ?? "..") };

    static JsonNode?[] Themes(JsonObject p, string root)
    {
        var sectors = List(p, "sectors").ToList();
        if (sectors.Count == 0) return [];
        return
        [
            new JsonObject
            {
                ["concepts"] = new JsonArray([.. sectors.Select(code => (JsonNode?)new JsonObject
                {
                    ["id"] = code,
                    ["title"] = DcatRecord.SectorLabel(code),
                })]),
                // The same scheme IRI as DCAT's skos:inScheme (Dcat/DcatDocument): one name for the sector vocabulary.
                ["scheme"] = $"{root}/api/vocabularies/sectors",
            },
        ];
    }

    static JsonArray Contacts(JsonObject p)
    {
        var holder = new JsonObject { ["organization"] = Text(p, "holder"), ["roles"] = new JsonArray("owner") };
        var contacts = new JsonArray(holder);
        if (Text(p, "contact") is { } contact)
            contacts.Add(new JsonObject { ["name"] = contact, ["organization"] = Text(p, "holder"), ["roles"] = new JsonArray("pointOfContact") });
        return contacts;
    }

    static JsonObject Link(string href, string rel, string? type, string? title)
    {
        var link = new JsonObject { ["href"] = href, ["rel"] = rel };
        if (type is not null) link["type"] = type;
        if (title is not null) link["title"] = title;
        return link;
    }

    static string? Text(JsonObject p, string name) => p[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    static IEnumerable<string> List(JsonObject p, string name) => p[name] is JsonArray a ? a.Select(v => (string)v!) : [];
    static JsonArray Strings(JsonObject p, string name) => new([.. List(p, name).Select(s => (JsonNode?)s)]);
    static string Label(IReadOnlyList<Term> vocabulary, string? code) => vocabulary.FirstOrDefault(t => t.Code == code)?.Label ?? code ?? "";
}
