using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Datasets;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Dcat;

/// <summary>What harvesters take from a record beyond its fields: its licence, a distribution per download format, its extent's centroid.</summary>
public sealed class HarvestableRecordTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    readonly DatasetTestApp _app = new(fixture);

    [Theory]
    [InlineData("CC-BY-4.0", "https://spdx.org/licenses/CC-BY-4.0.html")]
    [InlineData("https://www.mimu.org/terms-of-use/", "https://www.mimu.org/terms-of-use/")]
    public async Task A_licence_is_stored_served_and_harvested_as_dct_license(string license, string iri)
    {
        var holder = await _app.OrganisationAsync("Licence holder");
        var body = DatasetTestApp.Body(holder, $"Licensed {license}");
        body["license"] = license;
        var (id, _, created) = await _app.CreateAsync(body);

        Assert.Equal(license, (string?)created["license"]);
        var dcat = JsonNode.Parse(await _app.Client(null).GetStringAsync($"/api/datasets/{id}/dcat"))!;
        Assert.Equal(iri, (string?)dcat["dct:license"]?["@id"]);
        var schema = JsonNode.Parse(await _app.Client(null).GetStringAsync($"/api/datasets/{id}/schema-org"))!;
        Assert.Equal(iri, (string?)schema["license"]);
        var csv = await _app.Client(null).GetStringAsync($"/api/datasets/export?f=csv&id={id}");
        Assert.Contains(license, csv);
    }

    [Theory]
    [InlineData("CC BY 4.0")]
    [InlineData("ftp://example.org/licence")]
    [InlineData("https://")]
    public async Task A_licence_that_is_neither_an_SPDX_id_nor_a_web_address_is_a_400_naming_license(string license)
    {
        var holder = await _app.OrganisationAsync("Bad licence holder");
        var body = DatasetTestApp.Body(holder, "Bad licence");
        body["license"] = license;
        var before = await _app.TableCountsAsync();

        var response = await _app.Client().PostAsJsonAsync("/api/datasets", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("license"), errors.ToJsonString());
        Assert.Equal(before, await _app.TableCountsAsync());
    }

    [Fact]
    public async Task DCAT_has_a_distribution_per_download_format_each_answering_with_its_media_type_and_only_that_record()
    {
        var holder = await _app.OrganisationAsync("Distribution holder");
        var (id, _, _) = await _app.CreateAsync(DatasetTestApp.Body(holder, "Distributed survey"));
        await _app.CreateAsync(DatasetTestApp.Body(holder, "Another survey"));

        var dcat = JsonNode.Parse(await _app.Client(null).GetStringAsync($"/api/datasets/{id}/dcat"))!;
        var distributions = dcat["dcat:distribution"]!.AsArray()
            .Where(d => d!["dcat:downloadURL"] is not null)
            .Select(d => (Url: (string)d!["dcat:downloadURL"]!["@id"]!, Access: (string)d["dcat:accessURL"]!["@id"]!,
                          MediaType: (string)d["dcat:mediaType"]!["@id"]!))
            .ToList();
        string[] expected = ["application/geo+json", "text/csv", "application/geopackage+sqlite3", "application/zip"];
        foreach (var type in expected)
            Assert.Contains(distributions, d => d.MediaType == "https://www.iana.org/assignments/media-types/" + type && d.Url.Contains("/api/datasets/export"));

        foreach (var (url, access, mediaType) in distributions)
        {
            Assert.Equal(url, access);
            var response = await _app.Client(null).GetAsync(new Uri(url).PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(mediaType[mediaType.IndexOf("media-types/", StringComparison.Ordinal)..]["media-types/".Length..],
                response.Content.Headers.ContentType!.MediaType);
        }
        var geojson = JsonNode.Parse(await _app.Client(null).GetStringAsync($"/api/datasets/export?f=geojson&id={id}"))!;
        Assert.Equal([id], geojson["features"]!.AsArray().Select(f => (int)f!["id"]!));
        Assert.Equal(HttpStatusCode.BadRequest, (await _app.Client(null).GetAsync("/api/datasets/export?f=geojson&id=twelve")).StatusCode);
    }

    [Fact]
    public async Task DCAT_spatial_gives_the_pcodes_as_URIs_and_the_bbox_and_centroid_of_the_records_geometry_as_WKT()
    {
        var holder = await _app.OrganisationAsync("Centroid holder");
        var body = DatasetTestApp.Body(holder, "Square survey");
        body["area"] = new JsonObject { ["footprint"] = DatasetTestApp.Box(97.60, 16.46, 97.66, 16.50) };
        var (id, _, _) = await _app.CreateAsync(body);

        var spatial = JsonNode.Parse(await _app.Client(null).GetStringAsync($"/api/datasets/{id}/dcat"))!["dct:spatial"]!.AsArray();
        var extent = spatial.Single(s => s!["dcat:bbox"] is not null)!;
        Assert.Equal("POLYGON((97.6 16.46, 97.66 16.46, 97.66 16.5, 97.6 16.5, 97.6 16.46))", (string)extent["dcat:bbox"]!["@value"]!);
        Assert.Equal("POINT(97.63 16.48)", (string)extent["dcat:centroid"]!["@value"]!);
        Assert.Equal("gsp:wktLiteral", (string)extent["dcat:centroid"]!["@type"]!);
        var places = spatial.Where(s => s!["dct:identifier"] is not null).ToList();
        Assert.Contains(places, p => (string)p!["dct:identifier"]! == "MMR011001");
        Assert.All(places, p => Assert.EndsWith("/api/admin-units/" + (string)p!["dct:identifier"]!, (string)p["@id"]!));
    }

    [Fact]
    public async Task The_record_page_embeds_the_schema_org_description_the_viewer_may_see_and_no_text_can_close_its_script()
    {
        var holder = await _app.OrganisationAsync("Page holder");
        var (id, _, _) = await _app.CreateAsync(DatasetTestApp.Body(holder, "Wells </script><script>alert(1)</script> survey"));
        var (draft, _, _) = await _app.CreateAsync(DatasetTestApp.Body(holder, "Draft page"), publish: false);

        var html = await _app.Client(null).GetStringAsync($"/dataset.html?id={id}");
        var blocks = System.Text.RegularExpressions.Regex.Matches(html, "<script type=\"application/ld\\+json\">(.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline);
        var block = Assert.Single(blocks);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(html, "<script") - System.Text.RegularExpressions.Regex.Count(html, "<script type=\"module\"|<script src="));
        Assert.Equal(JsonNode.Parse(await _app.Client(null).GetStringAsync($"/api/datasets/{id}/schema-org"))!.ToJsonString(),
            JsonNode.Parse(block.Groups[1].Value)!.ToJsonString());
        Assert.Equal("Wells </script><script>alert(1)</script> survey", (string?)JsonNode.Parse(block.Groups[1].Value)!["name"]);

        Assert.DoesNotContain("application/ld+json", await _app.Client(null).GetStringAsync($"/dataset.html?id={draft}"));
        Assert.Contains("application/ld+json", await _app.Client($"member:{holder}").GetStringAsync($"/dataset.html?id={draft}"));
        Assert.DoesNotContain("application/ld+json", await _app.Client(null).GetStringAsync("/dataset.html"));
    }
}
