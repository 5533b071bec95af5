using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Dcat;

namespace SeGeoCatalogue.Ckan;

/// <summary>
/// A public record as CKAN's package_show describes a dataset: organisation, groups (its sectors), tags (its indicators),
/// a resource per download, the licence, and extras with <c>spatial</c> as ckanext-spatial stores it (a GeoJSON
/// geometry as text; here the box of the record's stored geometry, so a page of results stays small).
/// </summary>
public static class CkanPackage
{
    public static JsonObject From(DcatRecord record, CkanOrganisations organisations, string root)
    {
        var id = record.Id.ToString(CultureInfo.InvariantCulture);
        var title = record.Text("title") ?? "";
        var holder = record.Fields.GetProperty("holder_id").GetInt32();
        var created = Timestamp(record.Text("created_at"));
        var modified = Timestamp(record.Text("updated_at"));
        var tags = record.List("indicators").ToList();
        var resources = Resources(record, id, modified, root);
        var license = record.Text("license");
        var package = new JsonObject
        {
            ["id"] = id,
            ["name"] = CkanNames.Package(record.Id, title),
            ["title"] = title,
            ["notes"] = record.Text("summary"),
            ["url"] = $"{root}/dataset.html?id={id}",
            ["type"] = "dataset",
            ["state"] = "active",
            ["private"] = false,
            ["isopen"] = license is not null && record.Text("availability") == "public",
            ["author"] = record.Text("holder"),
            ["author_email"] = null,
            ["maintainer"] = record.Text("contact"),
            ["maintainer_email"] = null,
            ["license_id"] = license,
            ["license_title"] = license,
            ["license_url"] = license is null ? null : Licences.Iri(license),
            ["metadata_created"] = created,
            ["metadata_modified"] = modified,
            ["owner_org"] = holder.ToString(CultureInfo.InvariantCulture),
            ["organization"] = organisations.Json(holder),
            ["groups"] = new JsonArray(record.List("sectors").Select(code => (JsonNode?)CkanGroups.Json(code)).ToArray()),
            ["tags"] = new JsonArray(tags.Select(t => (JsonNode?)new JsonObject
            {
                ["name"] = t, ["display_name"] = t, ["state"] = "active", ["vocabulary_id"] = null,
            }).ToArray()),
            ["num_tags"] = tags.Count,
            ["resources"] = resources,
            ["num_resources"] = resources.Count,
            ["extras"] = Extras(record),
        };
        return package;
    }

    static JsonArray Resources(DcatRecord record, string packageId, string? modified, string root)
    {
        var resources = new JsonArray();
        void Add(string key, string name, string url, string format, string? mimetype) => resources.Add(new JsonObject
        {
            ["id"] = $"{packageId}-{key}",
            ["package_id"] = packageId,
            ["name"] = name,
            ["description"] = "",
            ["format"] = format,
            ["mimetype"] = mimetype,
            ["url"] = url,
            ["url_type"] = null,
            ["position"] = resources.Count,
            ["state"] = "active",
            ["created"] = modified,
            ["last_modified"] = modified,
        });
        var n = 0;
        foreach (var download in RecordDownloads.For(record.Id, root))
            Add($"download-{++n}", download.Title, download.Url, download.Format, download.MediaType);
        n = 0;
        if (record.Fields.GetProperty("links") is { ValueKind: JsonValueKind.Array } links)
            foreach (var link in links.EnumerateArray())
                if (link.TryGetProperty("url", out var url) && url.GetString() is { Length: > 0 } href)
                    Add($"link-{++n}", link.TryGetProperty("title", out var t) && t.GetString() is { Length: > 0 } name ? name : href, href, "", null);
        return resources;
    }

    static JsonArray Extras(DcatRecord record)
    {
        var extras = new JsonArray();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value)) extras.Add(new JsonObject { ["key"] = key, ["value"] = value });
        }
        if (record.Box is [var x1, var y1, var x2, var y2])
            Add("spatial", string.Create(CultureInfo.InvariantCulture,
                $$"""{"type":"Polygon","coordinates":[[[{{x1:0.######}},{{y1:0.######}}],[{{x2:0.######}},{{y1:0.######}}],[{{x2:0.######}},{{y2:0.######}}],[{{x1:0.######}},{{y2:0.######}}],[{{x1:0.######}},{{y1:0.######}}]]]}"""));
        Add("spatial_pcodes", string.Join(",", record.Places.Select(p => p.Pcode)));
        Add("availability", record.Text("availability"));
        Add("disaggregation_level", record.Text("disaggregation_level"));
        Add("methods", string.Join(",", record.List("methods")));
        Add("spatial_completeness", record.Text("spatial_completeness"));
        Add("temporal_start", record.Text("period_start"));
        Add("temporal_end", record.Text("period_end"));
        Add("update_frequency", record.Text("update_frequency"));
        Add("source", record.Text("source"));
        return extras;
    }

    /// <summary>CKAN writes times as UTC without a zone: 2026-12-07T21:40:00.123456.</summary>
    static string? Timestamp(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture) : null;
}
