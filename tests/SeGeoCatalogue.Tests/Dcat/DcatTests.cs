using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Ogc;

namespace SeGeoCatalogue.Tests.Dcat;

public sealed class DcatTests(OpenFormatsFixture fixture) : IClassFixture<OpenFormatsFixture>
{
    const string AccessRight = "http://publications.europa.eu/resource/authority/access-right/";

    [Fact]
    public async Task A_record_is_a_JSON_LD_dcat_Dataset_whose_terms_resolve_to_DCAT_and_Dublin_Core()
    {
        var response = await fixture.Client.GetAsync($"/api/datasets/{fixture.Picked}/dcat");

        Assert.Equal("application/ld+json", response.Content.Headers.ContentType?.MediaType);
        var doc = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var context = doc["@context"]!.AsObject();
        Assert.Equal("http://www.w3.org/ns/dcat#", (string)context["dcat"]!);
        Assert.Equal("http://purl.org/dc/terms/", (string)context["dct"]!);
        Assert.Equal("http://www.w3.org/ns/dcat#Dataset", Expand(context, (string)doc["@type"]!));
        AssertEveryTermResolves(context, doc);

        Assert.Equal("Mon household food security survey", (string)doc["dct:title"]!);
        Assert.Equal(OpenFormatsFixture.MyanmarSummary, (string)doc["dct:description"]!);
        Assert.Equal(AccessRight + "PUBLIC", (string)doc["dct:accessRights"]!["@id"]!);
        Assert.Equal("World Food Programme", (string)doc["dct:publisher"]!["foaf:name"]!);
        Assert.Equal("foaf:Organization", (string)doc["dct:publisher"]!["@type"]!);
        Assert.Equal("mailto:aye.aye@example.org", (string)doc["dcat:contactPoint"]!["vcard:hasEmail"]!["@id"]!);
        Assert.Equal(["Food Consumption Score", "Water point count"], doc["dcat:keyword"]!.AsArray().Select(k => (string)k!));
        Assert.Equal(["7 WASH", "8 Food security"], doc["dcat:theme"]!.AsArray().Select(t => (string)t!["skos:prefLabel"]!));
        Assert.Equal("2015-01-01", (string)doc["dct:temporal"]!["dcat:startDate"]!["@value"]!);
        Assert.Equal("2015-06-30", (string)doc["dct:temporal"]!["dcat:endDate"]!["@value"]!);

        var spatial = doc["dct:spatial"]!.AsArray();
        var bbox = spatial.Single(s => s!["dcat:bbox"] is not null)!["dcat:bbox"]!;
        Assert.Equal("http://www.opengis.net/ont/geosparql#wktLiteral", Expand(context, (string)bbox["@type"]!));
        Assert.StartsWith("POLYGON((", (string)bbox["@value"]!);
        Assert.Equal(OpenFormatsFixture.PickedTownships, spatial.Where(s => s!["dct:identifier"] is not null).Select(s => (string)s!["dct:identifier"]!));

        var distributions = doc["dcat:distribution"]!.AsArray();
        Assert.Contains(distributions, d => (string?)d!["dcat:accessURL"]?["@id"] == "https://example.org/mon-fsa.xlsx");
        Assert.Contains(distributions, d => ((string?)d!["dcat:downloadURL"]?["@id"])?.EndsWith($"/api/datasets/{fixture.Picked}/area", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Access_rights_follow_availability_and_restricted_detail_keeps_village_tracts_out()
    {
        var onRequest = await fixture.GetJson($"/api/datasets/{fixture.Sensitive}/dcat");
        var notAvailable = await fixture.GetJson($"/api/datasets/{fixture.StateLevel}/dcat");

        Assert.Equal(AccessRight + "RESTRICTED", (string)onRequest["dct:accessRights"]!["@id"]!);
        Assert.Equal(AccessRight + "NON_PUBLIC", (string)notAvailable["dct:accessRights"]!["@id"]!);
        // The sensitive record links village tracts through its footprint: the public sees none of them.
        Assert.DoesNotContain(onRequest["dct:spatial"]!.AsArray(), s => ((string?)s!["dct:identifier"])?.Length > 9);
        Assert.Equal(["MMR011"], notAvailable["dct:spatial"]!.AsArray().Where(s => s!["dct:identifier"] is not null).Select(s => (string)s!["dct:identifier"]!));
    }

    [Fact]
    public async Task The_catalogue_lists_only_visible_records_and_pages_with_hydra_links()
    {
        var first = await fixture.GetJson("/api/dcat?limit=2");

        Assert.Contains("dcat:Catalog", first["@type"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(3, (int)first["hydra:totalItems"]!);
        var ids = first["dcat:dataset"]!.AsArray().Select(d => (string)d!["dct:identifier"]!).ToList();
        Assert.Equal([fixture.Picked.ToString(CultureInfo.InvariantCulture), fixture.Sensitive.ToString(CultureInfo.InvariantCulture)], ids);
        var next = (string)first["hydra:view"]!["hydra:next"]!["@id"]!;
        var second = await fixture.GetJson(new Uri(next).PathAndQuery);
        Assert.Equal([fixture.StateLevel.ToString(CultureInfo.InvariantCulture)], second["dcat:dataset"]!.AsArray().Select(d => (string)d!["dct:identifier"]!));
        Assert.Null(second["hydra:view"]!["hydra:next"]);
        Assert.DoesNotContain("RESTRICTED network record", first.ToJsonString() + second.ToJsonString());
        Assert.All(first["dcat:dataset"]!.AsArray().Concat(second["dcat:dataset"]!.AsArray()),
            d => Assert.DoesNotContain("RESTRICTED", (string)d!["dct:title"]!));
        AssertEveryTermResolves(first["@context"]!.AsObject(), first);
    }

    [Fact]
    public async Task Hidden_records_are_404_in_DCAT_and_schema_org()
    {
        foreach (var id in fixture.Restricted)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync($"/api/datasets/{id}/dcat")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync($"/api/datasets/{id}/schema-org")).StatusCode);
        }
    }

    [Fact]
    public async Task A_record_as_schema_org_is_a_Dataset_with_its_box_in_lat_lon_order()
    {
        var doc = await fixture.GetJson($"/api/datasets/{fixture.Picked}/schema-org");

        Assert.Equal("https://schema.org", (string)doc["@context"]!);
        Assert.Equal("Dataset", (string)doc["@type"]!);
        Assert.Equal("Mon household food security survey", (string)doc["name"]!);
        Assert.Equal("2015-01-01/2015-06-30", (string)doc["temporalCoverage"]!);
        Assert.True((bool)doc["isAccessibleForFree"]!);
        var box = ((string)doc["spatialCoverage"]!["geo"]!["box"]!).Split(' ').Select(double.Parse).ToArray();
        // Mawlamyine lies near 16.5 N 97.6 E: latitude first.
        Assert.InRange(box[0], 15, 18);
        Assert.InRange(box[1], 96, 99);
    }

    [Fact]
    public async Task The_OpenAPI_document_covers_every_route_group_and_the_reference_page_loads_no_script_from_elsewhere()
    {
        var openApi = await fixture.GetJson("/openapi/v1.json");
        var paths = openApi["paths"]!.AsObject().Select(p => p.Key).ToList();
        foreach (var path in new[] { "/ogc", "/ogc/collections/{collectionId}/items", "/api/datasets/export", "/api/admin-units/export",
                     "/api/dcat", "/api/datasets/{id}/dcat", "/api/admin-units" })
            Assert.Contains(path, paths);

        var page = await fixture.Client.GetStringAsync("/api-docs.html");
        var scripts = System.Text.RegularExpressions.Regex.Matches(page, "src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.DoesNotContain("//", s));
        var bundle = await fixture.Client.GetAsync("/lib/swagger-ui/swagger-ui-bundle.js");
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.EndsWith("/api-docs.html", (await fixture.Client.GetAsync("/scalar")).RequestMessage!.RequestUri!.AbsolutePath);
    }

    /// <summary>Every compact IRI key ("prefix:term") and @type has its prefix in the context: a JSON-LD processor can expand it.</summary>
    static void AssertEveryTermResolves(JsonObject context, JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "@context") continue;
                    if (!key.StartsWith('@')) Assert.True(Expand(context, key) != key, $"'{key}' has no prefix in the @context");
                    if (key == "@type")
                        foreach (var type in value is JsonArray types ? types.Select(t => (string)t!) : [(string)value!])
                            Assert.True(Expand(context, type) != type, $"type '{type}' has no prefix in the @context");
                    if (value is not null) AssertEveryTermResolves(context, value);
                }
                break;
            case JsonArray array:
                foreach (var item in array) if (item is not null) AssertEveryTermResolves(context, item);
                break;
        }
    }

    static string Expand(JsonObject context, string term)
    {
        var colon = term.IndexOf(':');
        return colon > 0 && context[term[..colon]] is JsonValue prefix ? (string)prefix! + term[(colon + 1)..] : term;
    }
}
