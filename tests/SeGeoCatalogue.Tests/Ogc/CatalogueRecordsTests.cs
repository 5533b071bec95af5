using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace SeGeoCatalogue.Tests.Ogc;

/// <summary>
/// The catalogue as OGC API – Records (/ogc/collections/catalogue): each search's answer equals the selection made here
/// by hand over the fixture's seeded records (three the public may see, four it may not), and bad input is a 400.
/// </summary>
public sealed class CatalogueRecordsTests(OpenFormatsFixture fixture) : IClassFixture<OpenFormatsFixture>
{
    const string Items = "/ogc/collections/catalogue/items";
    const string RecordsConf = "http://www.opengis.net/spec/ogcapi-records-1/1.0/conf/";

    /// <summary>The ids of the records an items request returns (ids are strings in Records), in order.</summary>
    async Task<List<int>> Ids(string query)
    {
        var page = await fixture.GetJson($"{Items}?{query}");
        return page["features"]!.AsArray().Select(r => int.Parse((string)r!["id"]!, CultureInfo.InvariantCulture)).Order().ToList();
    }

    List<int> All => new[] { fixture.Picked, fixture.Sensitive, fixture.StateLevel }.Order().ToList();

    [Fact]
    public async Task The_catalogue_is_a_record_collection_of_type_Catalog_and_the_Records_classes_are_declared()
    {
        var conformance = (await fixture.GetJson("/ogc/conformance"))["conformsTo"]!.AsArray().Select(c => (string)c!).ToList();
        foreach (var c in new[] { "record-core", "record-collection", "record-core-query-parameters", "records-api", "searchable-catalog", "record-filter", "sorting" })
            Assert.Contains(RecordsConf + c, conformance);
        Assert.DoesNotContain(RecordsConf + "html", conformance);

        var catalogue = await fixture.GetJson("/ogc/collections/catalogue");
        Assert.Equal("record", (string)catalogue["itemType"]!);
        Assert.Equal("Catalog", (string)catalogue["type"]!);
        Assert.Contains(catalogue["links"]!.AsArray(), l => (string)l!["rel"]! == "items" && ((string)l["href"]!).EndsWith(Items, StringComparison.Ordinal));
        // The public's records span 2014-03-29 (clinics register) to 2016-12-31 (water points).
        Assert.Equal("2014-03-29T00:00:00Z", (string)catalogue["extent"]!["temporal"]!["interval"]![0]![0]!);
        Assert.Equal("2016-12-31T00:00:00Z", (string)catalogue["extent"]!["temporal"]!["interval"]![0]![1]!);
        var listed = (await fixture.GetJson("/ogc/collections"))["collections"]!.AsArray();
        Assert.Equal("record", (string)listed.Single(c => (string)c!["id"]! == "catalogue")!["itemType"]!);
        Assert.All(listed.Where(c => (string)c!["id"]! != "catalogue"), c => Assert.Equal("feature", (string)c!["itemType"]!));
    }

    [Fact]
    public async Task A_record_carries_the_record_model_with_links_to_every_download_and_its_page()
    {
        var record = await fixture.GetJson($"{Items}/{fixture.Picked}");

        Assert.Equal(fixture.Picked.ToString(CultureInfo.InvariantCulture), (string)record["id"]!);
        Assert.Equal("Feature", (string)record["type"]!);
        Assert.Equal(["2015-01-01", "2015-06-30"], record["time"]!["interval"]!.AsArray().Select(v => (string)v!));
        var p = record["properties"]!;
        Assert.Equal("dataset", (string)p["type"]!);
        Assert.Equal("Mon household food security survey", (string)p["title"]!);
        Assert.Equal(OpenFormatsFixture.MyanmarSummary, (string)p["description"]!);
        Assert.Equal(["Food Consumption Score", "Water point count"], p["keywords"]!.AsArray().Select(k => (string)k!));
        var theme = p["themes"]![0]!;
        Assert.EndsWith("/api/vocabularies/sectors", (string)theme["scheme"]!);
        Assert.Equal(["wash", "food-security"], theme["concepts"]!.AsArray().Select(c => (string)c!["id"]!));
        Assert.Equal("World Food Programme", (string)p["contacts"]![0]!["organization"]!);
        Assert.Equal([new JsonObject { ["name"] = "xlsx" }.ToJsonString()], p["formats"]!.AsArray().Select(f => f!.ToJsonString()));
        Assert.Equal("en", (string)p["language"]!["code"]!);
        Assert.NotNull(p["created"]);
        Assert.NotNull(p["updated"]);

        var links = record["links"]!.AsArray().Select(l => ((string)l!["rel"]!, new Uri((string)l["href"]!).PathAndQuery)).ToList();
        var id = fixture.Picked;
        Assert.Contains(("alternate", $"/dataset.html?id={id}"), links);
        Assert.Contains(("self", $"{Items}/{id}"), links);
        Assert.Contains(("related", "/mon-fsa.xlsx"), links);
        foreach (var download in new[]
                 {
                     $"/api/datasets/export?f=geojson&id={id}", $"/api/datasets/export?f=csv&id={id}", $"/api/datasets/export?f=gpkg&id={id}",
                     $"/api/datasets/export?f=shp&id={id}", $"/ogc/collections/datasets/items/{id}", $"/api/datasets/{id}/area",
                 })
            Assert.Contains(("enclosure", download), links);
        foreach (var (_, href) in links.Where(l => l.Item1 == "enclosure"))
            Assert.Equal(HttpStatusCode.OK, (await fixture.Client.GetAsync(href)).StatusCode);
    }

    [Fact]
    public async Task Contacts_show_the_holder_and_only_the_contact_the_public_record_already_shows()
    {
        foreach (var id in All)
        {
            var contacts = (await fixture.GetJson($"{Items}/{id}"))["properties"]!["contacts"]!.AsArray();
            var publicRecord = await fixture.GetJson($"/api/datasets/{id}");
            Assert.Equal((string)publicRecord["holder"]!["name"]!, (string)contacts[0]!["organization"]!);
            var named = contacts.Where(c => c!["name"] is not null).Select(c => (string)c!["name"]!).ToList();
            List<string> shown = publicRecord["contact"] is null ? [] : [(string)publicRecord["contact"]!];
            Assert.Equal(shown, named);
        }
        var text = (await fixture.Client.GetStringAsync($"{Items}?limit=100"));
        Assert.DoesNotContain("seed", text.Replace("\"Seed\"", ""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_public_gets_the_three_records_it_may_see_and_never_a_restricted_one()
    {
        Assert.Equal(All, await Ids("limit=100"));
        var page = await fixture.GetJson($"{Items}?limit=100");
        Assert.Equal(3, (int)page["numberMatched"]!);
        Assert.DoesNotContain("RESTRICTED", page.ToJsonString(), StringComparison.Ordinal);
        foreach (var id in fixture.Restricted)
            Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync($"{Items}/{id}")).StatusCode);
        Assert.Empty(await Ids($"ids={string.Join(',', fixture.Restricted)}"));
    }

    [Fact]
    public async Task The_sensitive_record_has_its_coarse_geometry_never_its_footprint()
    {
        var geometry = (await fixture.GetJson($"{Items}/{fixture.Sensitive}"))["geometry"]!.ToJsonString();
        var datasetsFeature = (await fixture.GetJson($"/ogc/collections/datasets/items/{fixture.Sensitive}"))["geometry"]!.ToJsonString();

        Assert.Equal(datasetsFeature, geometry);
        // The footprint is a 0.06° square; the township it lies in (Mawlamyine) is wider: no corner of the square is served.
        Assert.DoesNotContain("[97.6,16.46]", geometry, StringComparison.Ordinal);
        Assert.DoesNotContain("[97.66,16.52]", geometry, StringComparison.Ordinal);
        var box = await fixture.App.ScalarAsync<double>($"""
            SELECT ST_Area(ST_Envelope(ST_GeomFromGeoJSON('{geometry}'))) / ST_Area(ST_GeomFromText('{OpenFormatsFixture.FootprintWkt}'))
            """);
        Assert.True(box > 10, $"the served geometry's box is only {box:F1}× the footprint");
    }

    [Fact]
    public async Task q_searches_the_catalogue_text_and_comma_separated_terms_match_any()
    {
        Assert.Equal([fixture.StateLevel], await Ids("q=clinics"));
        Assert.Equal(new[] { fixture.StateLevel, fixture.Sensitive }.Order(), await Ids("q=clinics,Mawlamyine"));
        Assert.Equal([fixture.Sensitive], await Ids("q=ကရင်")); // the holder's name in Myanmar script, as written
        Assert.Empty(await Ids("q=RESTRICTED"));
    }

    [Fact]
    public async Task bbox_datetime_type_ids_and_externalIds_select_what_the_seeded_records_hold()
    {
        // Around the footprint in Mawlamyine: the picked townships, the sensitive record's township and the whole of Mon.
        Assert.Equal(All, await Ids("bbox=97.60,16.46,97.66,16.52"));
        // Ye, in the south of Mon: only the state-level record reaches it.
        Assert.Equal([fixture.StateLevel], await Ids("bbox=97.8,15.2,97.9,15.3"));
        Assert.Empty(await Ids("bbox=92.0,21.0,92.1,21.1"));

        Assert.Equal(new[] { fixture.Picked, fixture.Sensitive }.Order(), await Ids("datetime=2015-01-01/.."));
        Assert.Equal([fixture.StateLevel], await Ids("datetime=../2014-12-31"));
        Assert.Equal([fixture.Sensitive], await Ids("datetime=2016-06-01T00:00:00Z"));

        Assert.Equal(All, await Ids("type=dataset"));
        Assert.Empty(await Ids("type=service"));
        Assert.Empty(await Ids("externalIds=doi:10.1000/1"));
        Assert.Equal(new[] { fixture.Picked, fixture.StateLevel }.Order(), await Ids($"ids={fixture.Picked},{fixture.StateLevel}"));
        Assert.Equal([fixture.StateLevel], await Ids($"ids={fixture.Picked},{fixture.StateLevel}&q=clinics"));
    }

    [Fact]
    public async Task CQL2_filters_select_what_the_seeded_records_hold()
    {
        Assert.Equal(new[] { fixture.Picked, fixture.StateLevel }.Order(), await Ids("filter=" + Uri.EscapeDataString("title LIKE 'Mon%'")));
        Assert.Equal([fixture.Sensitive], await Ids("filter=" + Uri.EscapeDataString("description = 'Surveyed wells'")));
        Assert.Equal([fixture.Picked], await Ids("filter-lang=cql2-json&filter=" + Uri.EscapeDataString(
            """{"op":"=","args":[{"property":"availability"},"public"]}""")));
        Assert.Equal([fixture.StateLevel], await Ids("filter=" + Uri.EscapeDataString("S_INTERSECTS(geometry, BBOX(97.8, 15.2, 97.9, 15.3))")));
        Assert.Empty(await Ids("filter=" + Uri.EscapeDataString("title LIKE 'RESTRICTED%'")));
        var queryables = await fixture.GetJson("/ogc/collections/catalogue/queryables");
        Assert.NotNull(queryables["properties"]!["description"]);
    }

    [Fact]
    public async Task sortby_orders_the_records_by_the_sortables_ascending_or_descending()
    {
        async Task<List<string>> Titles(string query) => (await fixture.GetJson($"{Items}?{query}"))["features"]!.AsArray()
            .Select(r => (string)r!["properties"]!["title"]!).ToList();
        string[] byTitle = ["Mawlamyine water points", "Mon clinics register", "Mon household food security survey"];

        Assert.Equal(byTitle, await Titles("sortby=title"));
        Assert.Equal(byTitle, await Titles("sortby=%2Btitle"));
        Assert.Equal(byTitle.Reverse(), await Titles("sortby=-title"));
        Assert.Equal(byTitle[1..], await Titles("sortby=title&offset=1"));
        var ids = (await fixture.GetJson($"{Items}?sortby=-id"))["features"]!.AsArray().Select(r => int.Parse((string)r!["id"]!, CultureInfo.InvariantCulture));
        Assert.Equal(All.AsEnumerable().Reverse(), ids);

        var sortables = await fixture.GetJson("/ogc/collections/catalogue/sortables");
        Assert.Equal(["id", "title", "created", "updated"], sortables["properties"]!.AsObject().Select(p => p.Key));
        Assert.Contains((await fixture.GetJson("/ogc/collections/catalogue"))["links"]!.AsArray(),
            l => (string)l!["rel"]! == "http://www.opengis.net/def/rel/ogc/1.0/sortables");
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync("/ogc/collections/datasets/sortables")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Client.GetAsync("/ogc/collections/datasets/items?sortby=title")).StatusCode);
    }

    public static TheoryData<string, string> BadRequests() => new()
    {
        { "limit=0", "limit" },
        { "offset=-1", "offset" },
        { "sector=wash", "sector" },
        { "sortby=holder", "sortby" },
        { "sortby=title,-nosuch", "sortby" },
        { "ids=twelve", "ids" },
        { string.Join('&', Enumerable.Range(1, 201).Select(i => $"ids={i}")), "ids" }, // each value short: past the 500-character guard
        { "datetime=yesterday", "datetime" },
        { "bbox=1,2,3", "bbox" },
        { "filter=nosuch%20%3D%201", "filter" },
        { "crs=EPSG:3857", "crs" },
        { "f=xml", "f" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_is_a_400_naming_the_parameter(string query, string field)
    {
        var response = await fixture.Client.GetAsync($"{Items}?{query}");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = JsonNode.Parse(body)!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"{query}: {errors.ToJsonString()}");
    }

    [Fact]
    public async Task Unknown_records_are_404_problems()
    {
        foreach (var id in new[] { "abc", "999999" })
        {
            var response = await fixture.Client.GetAsync($"{Items}/{id}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("catalogue", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Records_answer_HEAD_CORS_ETag_304_and_Part_2_crs_like_every_collection()
    {
        var get = await fixture.Client.GetAsync($"{Items}/{fixture.Picked}");
        Assert.Equal("*", get.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var etag = get.Headers.ETag!;
        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"{Items}/{fixture.Picked}");
        conditional.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await fixture.Client.SendAsync(conditional)).StatusCode);
        using var head = new HttpRequestMessage(HttpMethod.Head, Items);
        var headResponse = await fixture.Client.SendAsync(head);
        Assert.Equal(HttpStatusCode.OK, headResponse.StatusCode);
        Assert.Empty(await headResponse.Content.ReadAsByteArrayAsync());

        var utm = await fixture.Client.GetAsync($"{Items}/{fixture.Picked}?crs=EPSG:32647");
        Assert.Equal("<http://www.opengis.net/def/crs/EPSG/0/32647>", utm.Headers.GetValues("Content-Crs").Single());
        var first = JsonNode.Parse(await utm.Content.ReadAsStringAsync())!["geometry"]!["coordinates"]![0]![0]![0]!;
        // Mawlamyine lies about 150 km west of the 99°E meridian of UTM 47N: eastings near 350 km, northings near 1,820 km.
        Assert.InRange((double)first[0]!, 300_000, 500_000);
        Assert.InRange((double)first[1]!, 1_700_000, 1_900_000);
        var page = await fixture.Client.GetAsync($"{Items}?crs=EPSG:32647&limit=100");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(3, JsonNode.Parse(await page.Content.ReadAsStringAsync())!["features"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_OGC_OpenAPI_documents_the_catalogue_and_its_record_parameters_with_bounds()
    {
        var api = await fixture.GetJson("/ogc/api");
        var parameters = api["components"]!["parameters"]!;
        Assert.Contains("catalogue", parameters["collectionId"]!["schema"]!["enum"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(200, (int)parameters["ids"]!["schema"]!["maxItems"]!);
        var items = api["paths"]!["/collections/{collectionId}/items"]!["get"]!;
        var refs = items["parameters"]!.AsArray().Select(p => (string?)p!["$ref"] ?? (string)p["name"]!).ToList();
        foreach (var name in new[] { "q", "type", "ids", "externalIds", "sortby" })
            Assert.Contains($"#/components/parameters/{name}", refs);
        Assert.Equal(refs.Count, refs.Distinct().Count());
        Assert.Single(refs, r => r.EndsWith("/q", StringComparison.Ordinal) || r == "q");
        foreach (var path in new[] { "/collections/{collectionId}/items/{featureId}", "/collections/{collectionId}/sortables" })
            foreach (var status in new[] { "200", "304", "400", "404" })
                Assert.NotNull(api["paths"]![path]!["get"]!["responses"]![status]);
    }
}
