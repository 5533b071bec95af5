using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.Dcat;

/// <summary>DCAT-AP descriptions in JSON-LD (compact IRIs with the prefixes of <see cref="Context"/>).</summary>
public static partial class DcatDocument
{
    public const string MediaTypeBase = "https://www.iana.org/assignments/media-types/";
    public const string AccessRightBase = "http://publications.europa.eu/resource/authority/access-right/";

    public static JsonObject Context() => new()
    {
        ["dcat"] = "http://www.w3.org/ns/dcat#",
        ["dct"] = "http://purl.org/dc/terms/",
        ["foaf"] = "http://xmlns.com/foaf/0.1/",
        ["vcard"] = "http://www.w3.org/2006/vcard/ns#",
        ["skos"] = "http://www.w3.org/2004/02/skos/core#",
        ["xsd"] = "http://www.w3.org/2001/XMLSchema#",
        ["gsp"] = "http://www.opengis.net/ont/geosparql#",
        ["hydra"] = "http://www.w3.org/ns/hydra/core#",
    };

    /// <summary>The EU access-right authority term for an availability code.</summary>
    public static string AccessRights(string? availability) => AccessRightBase + availability switch
    {
        "public" => "PUBLIC",
        "members" or "on-request" => "RESTRICTED",
        _ => "NON_PUBLIC",
    };

    public static JsonObject Dataset(DcatRecord record, string root)
    {
        var id = record.Id;
        var dataset = new JsonObject
        {
            ["@id"] = $"{root}/api/datasets/{id}",
            ["@type"] = "dcat:Dataset",
            ["dct:identifier"] = id.ToString(CultureInfo.InvariantCulture),
            ["dct:title"] = record.Text("title"),
            ["dct:description"] = record.Text("summary") ?? record.Text("title"),
            ["dcat:landingPage"] = Ref($"{root}/dataset.html?id={id}"),
            ["dct:publisher"] = new JsonObject
            {
                ["@id"] = $"{root}/api/organisations/{record.Fields.GetProperty("holder_id").GetInt32()}",
                ["@type"] = "foaf:Organization",
                ["foaf:name"] = record.Text("holder"),
            },
            ["dcat:keyword"] = Array(record.List("indicators").Select(k => (JsonNode?)k)),
            ["dcat:theme"] = Array(record.List("sectors").Select(code => (JsonNode?)new JsonObject
            {
                ["@id"] = $"{root}/api/vocabularies/sectors/{code}",
                ["@type"] = "skos:Concept",
                ["skos:prefLabel"] = DcatRecord.SectorLabel(code),
                ["skos:inScheme"] = Ref($"{root}/api/vocabularies/sectors"),
            })),
            ["dct:accessRights"] = Ref(AccessRights(record.Text("availability"))),
            ["dct:spatial"] = Spatial(record, root),
            ["dcat:distribution"] = Distributions(record, root),
            ["dct:issued"] = Typed(record.Text("created_at"), "xsd:dateTime"),
            ["dct:modified"] = Typed(record.Text("updated_at"), "xsd:dateTime"),
        };
        if (record.Text("contact") is { } contact) dataset["dcat:contactPoint"] = ContactPoint(contact);
        if (record.Text("source") is { } source) dataset["dct:source"] = source;
        if (record.Text("license") is { } license) dataset["dct:license"] = Ref(Licences.Iri(license));
        if (record.Text("period_start") is not null || record.Text("period_end") is not null)
        {
            var period = new JsonObject { ["@type"] = "dct:PeriodOfTime" };
            if (record.Text("period_start") is { } start) period["dcat:startDate"] = Typed(start, "xsd:date");
            if (record.Text("period_end") is { } end) period["dcat:endDate"] = Typed(end, "xsd:date");
            dataset["dct:temporal"] = period;
        }
        return dataset;
    }

    static JsonArray Spatial(DcatRecord record, string root)
    {
        var locations = new JsonArray();
        if (record.Box is [var x1, var y1, var x2, var y2])
        {
            var wkt = string.Create(CultureInfo.InvariantCulture,
                $"POLYGON(({x1:0.######} {y1:0.######}, {x2:0.######} {y1:0.######}, {x2:0.######} {y2:0.######}, {x1:0.######} {y2:0.######}, {x1:0.######} {y1:0.######}))");
            var extent = new JsonObject { ["@type"] = "dct:Location", ["dcat:bbox"] = Typed(wkt, "gsp:wktLiteral") };
            if (record.Centroid is [var x, var y])
                extent["dcat:centroid"] = Typed(string.Create(CultureInfo.InvariantCulture, $"POINT({x:0.######} {y:0.######})"), "gsp:wktLiteral");
            locations.Add(extent);
        }
        foreach (var place in record.Places)
        {
            var location = new JsonObject
            {
                ["@id"] = $"{root}/api/admin-units/{place.Pcode}",
                ["@type"] = "dct:Location",
                ["dct:identifier"] = place.Pcode,
            };
            var labels = new JsonArray();
            if (place.NameEn is not null) labels.Add(new JsonObject { ["@value"] = place.NameEn, ["@language"] = "en" });
            if (place.NameMy is not null) labels.Add(new JsonObject { ["@value"] = place.NameMy, ["@language"] = "my" });
            if (labels.Count > 0) location["skos:prefLabel"] = labels;
            locations.Add(location);
        }
        return locations;
    }

    static JsonArray Distributions(DcatRecord record, string root)
    {
        var distributions = new JsonArray();
        if (record.Fields.GetProperty("links") is { ValueKind: System.Text.Json.JsonValueKind.Array } links)
            foreach (var link in links.EnumerateArray())
            {
                if (link.TryGetProperty("url", out var url) && url.GetString() is { Length: > 0 } href)
                    distributions.Add(new JsonObject
                    {
                        ["@type"] = "dcat:Distribution",
                        ["dcat:accessURL"] = Ref(href),
                        ["dct:title"] = link.TryGetProperty("title", out var title) ? title.GetString() : href,
                    });
            }
        foreach (var download in RecordDownloads.For(record.Id, root))
            distributions.Add(new JsonObject
            {
                ["@type"] = "dcat:Distribution",
                ["dct:title"] = download.Title,
                ["dcat:accessURL"] = Ref(download.Url),
                ["dcat:downloadURL"] = Ref(download.Url),
                ["dcat:mediaType"] = Ref(MediaTypeBase + download.MediaType),
                ["dct:format"] = download.Format,
            });
        return distributions;
    }

    static JsonObject ContactPoint(string contact)
    {
        var point = new JsonObject { ["@type"] = "vcard:Kind", ["vcard:fn"] = contact };
        if (Email().Match(contact) is { Success: true } email) point["vcard:hasEmail"] = Ref($"mailto:{email.Value}");
        return point;
    }

    static JsonObject Ref(string iri) => new() { ["@id"] = iri };
    static JsonObject? Typed(string? value, string type) => value is null ? null : new() { ["@value"] = value, ["@type"] = type };
    static JsonArray Array(IEnumerable<JsonNode?> items) => new(items.ToArray());

    [GeneratedRegex(@"[^\s<>()""',;]+@[^\s<>()""',;]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();
}
