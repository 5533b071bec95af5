using System.Globalization;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.Dcat;

/// <summary>A schema.org Dataset (JSON-LD) for a record, for the dataset page to embed so search engines and harvesters index it.</summary>
public static class SchemaOrgDataset
{
    public static JsonObject For(DcatRecord record, string root)
    {
        var page = $"{root}/dataset.html?id={record.Id}";
        var availability = record.Text("availability");
        var dataset = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Dataset",
            ["@id"] = page,
            ["url"] = page,
            ["identifier"] = $"{root}/api/datasets/{record.Id}",
            ["name"] = record.Text("title"),
            ["description"] = record.Text("summary") ?? record.Text("title"),
            ["keywords"] = new JsonArray(record.List("sectors").Select(DcatRecord.SectorLabel).Concat(record.List("indicators"))
                .Select(k => (JsonNode?)k).ToArray()),
            ["creator"] = new JsonObject { ["@type"] = "Organization", ["name"] = record.Text("holder"), ["alternateName"] = record.Text("holder_acronym") },
            ["isAccessibleForFree"] = availability == "public",
            ["conditionsOfAccess"] = Vocabularies.Availability.FirstOrDefault(a => a.Code == availability)?.Label,
            ["measurementTechnique"] = new JsonArray(record.List("methods")
                .Select(m => (JsonNode?)(Vocabularies.Methods.FirstOrDefault(t => t.Code == m)?.Label ?? m)).ToArray()),
            ["dateCreated"] = record.Text("created_at"),
            ["dateModified"] = record.Text("updated_at"),
            ["includedInDataCatalog"] = new JsonObject { ["@type"] = "DataCatalog", ["name"] = "SE Data Network catalogue", ["url"] = $"{root}/" },
            ["distribution"] = new JsonArray(
                record.Fields.GetProperty("links").EnumerateArray()
                    .Where(l => l.TryGetProperty("url", out var u) && !string.IsNullOrEmpty(u.GetString()))
                    .Select(l => (JsonNode?)new JsonObject
                    {
                        ["@type"] = "DataDownload",
                        ["contentUrl"] = l.GetProperty("url").GetString(),
                        ["name"] = l.TryGetProperty("title", out var t) ? t.GetString() : null,
                    })
                    .Concat(RecordDownloads.For(record.Id, root).Select(d => (JsonNode?)new JsonObject
                    {
                        ["@type"] = "DataDownload",
                        ["name"] = d.Title,
                        ["contentUrl"] = d.Url,
                        ["encodingFormat"] = d.MediaType,
                    })).ToArray()),
        };
        if (record.Text("license") is { } license) dataset["license"] = Licences.Iri(license);
        if (record.Text("period_start") is not null || record.Text("period_end") is not null)
            dataset["temporalCoverage"] = $"{record.Text("period_start") ?? ".."}/{record.Text("period_end") ?? ".."}";
        if (record.Box is [var x1, var y1, var x2, var y2])
            dataset["spatialCoverage"] = new JsonObject
            {
                ["@type"] = "Place",
                // schema.org boxes are "lat lon lat lon": the south-west corner, then the north-east one.
                ["geo"] = new JsonObject { ["@type"] = "GeoShape", ["box"] = string.Create(CultureInfo.InvariantCulture, $"{y1:0.######} {x1:0.######} {y2:0.######} {x2:0.######}") },
                ["name"] = string.Join(", ", record.Places.Select(p => p.NameEn ?? p.Pcode).Take(20)),
            };
        return dataset;
    }
}
