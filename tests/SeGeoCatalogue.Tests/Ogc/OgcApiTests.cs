using System.Net;
using System.Text.Json.Nodes;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Ogc;

public sealed class OgcApiTests(OpenFormatsFixture fixture) : IClassFixture<OpenFormatsFixture>
{
    static readonly string[] MonTownships = BoundaryData.Read("townships.geojson")
        .Where(f => f.Property("st_pcode") == "MMR011").Select(f => f.Property("ts_pcode")).Order().ToArray();

    [Fact]
    public async Task The_landing_page_links_itself_the_OpenAPI_document_the_conformance_and_the_collections()
    {
        var landing = await fixture.GetJson("/ogc");

        var links = landing["links"]!.AsArray().ToDictionary(l => (string)l!["rel"]!, l => new Uri((string)l!["href"]!).PathAndQuery);
        Assert.Equal("/ogc", links["self"]);
        Assert.Equal("/ogc/api", links["service-desc"]);
        Assert.Equal("/ogc/conformance", links["conformance"]);
        Assert.Equal("/ogc/collections", links["data"]);
        var openApi = await fixture.GetJson(links["service-desc"]);
        Assert.StartsWith("3.0", (string)openApi["openapi"]!);
        Assert.NotNull(openApi["paths"]!["/collections/{collectionId}/items"]);
    }

    [Fact]
    public async Task Conformance_lists_the_core_GeoJSON_and_OpenAPI_3_classes()
    {
        var classes = (await fixture.GetJson("/ogc/conformance"))["conformsTo"]!.AsArray().Select(c => (string)c!).ToHashSet();

        Assert.Subset(classes, new HashSet<string>
        {
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
        });
    }

    [Fact]
    public async Task The_township_collection_states_the_bounding_box_of_the_township_file_in_CRS84()
    {
        var expected = new Envelope();
        foreach (var township in BoundaryData.Read("townships.geojson")) expected.ExpandToInclude(township.Geometry.EnvelopeInternal);

        var collection = await fixture.GetJson("/ogc/collections/townships");

        Assert.Equal("feature", (string)collection["itemType"]!);
        Assert.Contains("http://www.opengis.net/def/crs/OGC/1.3/CRS84", collection["crs"]!.AsArray().Select(c => (string)c!));
        var box = collection["extent"]!["spatial"]!["bbox"]![0]!.AsArray().Select(v => (double)v!).ToArray();
        Assert.Equal([expected.MinX, expected.MinY, expected.MaxX, expected.MaxY], box, (a, b) => Math.Abs(a - b) < 1e-5);
        Assert.Contains(collection["links"]!.AsArray(), l => (string)l!["rel"]! == "items");
    }

    [Fact]
    public async Task Every_collection_is_listed_including_coverage_per_sector_at_two_levels()
    {
        var ids = (await fixture.GetJson("/ogc/collections"))["collections"]!.AsArray().Select(c => (string)c!["id"]!).ToList();

        Assert.Equal(["states", "districts", "townships", "village-tracts", "wards", "datasets", "catalogue"], ids.Take(7));
        Assert.Contains("coverage-wash-township", ids);
        Assert.Contains("coverage-food-security-village-tract", ids);
        Assert.Equal(7 + 15 * 2, ids.Count);
    }

    [Fact]
    public async Task Items_are_paged_with_numberMatched_from_the_boundary_file_next_links_and_a_clamped_limit()
    {
        var villageTracts = BoundaryData.Read("village_tracts.geojson").Count;

        var first = await fixture.GetJson("/ogc/collections/village-tracts/items?limit=1000");
        Assert.Equal(villageTracts, (int)first["numberMatched"]!);
        Assert.Equal(1000, (int)first["numberReturned"]!);
        Assert.Equal(1000, first["features"]!.AsArray().Count);
        var next = Link(first, "next")!;
        Assert.Contains("offset=1000", next);
        var second = await fixture.GetJson(new Uri(next).PathAndQuery);
        Assert.Empty(Ids(first).Intersect(Ids(second)));
        Assert.NotNull(Link(second, "prev"));

        var byDefault = await fixture.GetJson("/ogc/collections/village-tracts/items");
        Assert.Equal(10, (int)byDefault["numberReturned"]!);

        var huge = await fixture.GetJson("/ogc/collections/village-tracts/items?limit=50000");
        Assert.Contains("limit=10000", Link(huge, "self"));
        Assert.Equal(villageTracts, (int)huge["numberReturned"]!);
        Assert.Null(Link(huge, "next"));
    }

    [Theory]
    [InlineData("townships", "limit=0", "limit")]
    [InlineData("townships", "limit=-5", "limit")]
    [InlineData("townships", "offset=-1", "offset")]
    [InlineData("townships", "filter-crs=EPSG:32647&filter=name_en%3D'Hpa-An'", "filter-crs")]
    [InlineData("townships", "crs=http://www.opengis.net/def/crs/EPSG/0/3857", "crs")]
    [InlineData("townships", "crs=EPSG:32648", "crs")]
    [InlineData("village-tracts", "bbox-crs=http://www.opengis.net/def/crs/EPSG/0/3857&bbox=1,2,3,4", "bbox-crs")]
    [InlineData("datasets", "colour=red", "colour")]
    public async Task Items_refuse_a_bad_page_and_unknown_parameters_with_a_400_naming_them(string collection, string query, string field)
    {
        var response = await fixture.Client.GetAsync($"/ogc/collections/{collection}/items?{query}");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![field]);
    }

    [Theory]
    [InlineData("/ogc")]
    [InlineData("/ogc/collections")]
    [InlineData("/ogc/collections/townships/items?limit=2")]
    [InlineData("/ogc/collections/townships/items/MMR011001")]
    public async Task Every_OGC_route_answers_HEAD_without_a_body_and_GET_to_any_origin(string url)
    {
        var head = await fixture.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());

        var get = await fixture.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("*", Assert.Single(get.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal(head.Content.Headers.ContentType?.MediaType, get.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_six_number_bbox_and_the_CRS84_that_clients_name_answer_like_the_four_number_bbox()
    {
        var four = await fixture.GetJson("/ogc/collections/townships/items?bbox=97.5,16.3,97.8,16.6&limit=100");
        var six = await fixture.GetJson("/ogc/collections/townships/items?bbox=97.5,16.3,-100,97.8,16.6,100&limit=100" +
            "&bbox-crs=http://www.opengis.net/def/crs/OGC/1.3/CRS84&crs=http://www.opengis.net/def/crs/OGC/1.3/CRS84");
        Assert.Equal(Ids(four).Order(), Ids(six).Order());
    }

    [Fact]
    public async Task A_bbox_returns_the_townships_the_box_touches()
    {
        var box = new Envelope(97.5, 97.8, 16.3, 16.6);
        var expected = BoundaryData.Read("townships.geojson")
            .Where(f => f.Geometry.Intersects(new GeometryFactory().ToGeometry(box))).Select(f => f.Property("ts_pcode")).Order().ToList();

        var body = await fixture.GetJson("/ogc/collections/townships/items?bbox=97.5,16.3,97.8,16.6&limit=100");

        Assert.Equal(expected, Ids(body).Order().ToList());
        Assert.Equal(expected.Count, (int)body["numberMatched"]!);
        Assert.True(expected.Count >= 3, "the box should touch several townships");
    }

    [Fact]
    public async Task A_township_is_one_feature_with_its_full_geometry_and_Myanmar_name()
    {
        var file = BoundaryData.Read("townships.geojson").Single(f => f.Property("ts_pcode") == "MMR011001");

        var response = await fixture.Client.GetAsync("/ogc/collections/townships/items/MMR011001");

        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var feature = Read(await response.Content.ReadAsStringAsync());
        Assert.Equal(file.Property("ts_name_my"), feature.Attributes["name_my"]);
        Assert.Equal(file.Geometry.Area, feature.Geometry.Area, file.Geometry.Area * 1e-4);
    }

    [Fact]
    public async Task Unknown_collections_and_features_are_404_problems()
    {
        foreach (var url in new[] { "/ogc/collections/counties", "/ogc/collections/counties/items", "/ogc/collections/townships/items/MMR999999",
                     $"/ogc/collections/datasets/items/{fixture.Restricted[0]}", "/ogc/collections/datasets/items/abc" })
        {
            var response = await fixture.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("/ogc/collections", (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!);
        }
    }

    [Fact]
    public async Task The_datasets_collection_holds_only_what_the_public_may_see()
    {
        var body = await fixture.GetJson("/ogc/collections/datasets/items?limit=100");

        Assert.Equal([fixture.Picked, fixture.Sensitive, fixture.StateLevel], body["features"]!.AsArray().Select(f => (int)f!["id"]!));
        Assert.Equal(3, (int)body["numberMatched"]!);
        Assert.DoesNotContain("RESTRICTED", body.ToJsonString());
        foreach (var id in fixture.Restricted)
            Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync($"/ogc/collections/datasets/items/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_record_without_a_footprint_is_the_union_of_its_picked_townships()
    {
        var townships = BoundaryData.Read("townships.geojson").Where(f => OpenFormatsFixture.PickedTownships.Contains(f.Property("ts_pcode")));
        var expected = new GeometryFactory().BuildGeometry(townships.Select(f => f.Geometry)).Union();

        var feature = Read((await fixture.GetJson($"/ogc/collections/datasets/items/{fixture.Picked}")).ToJsonString());

        // Units contribute their simplified display geometry (issue 10): the area holds to within 1%.
        Assert.Equal(expected.Area, feature.Geometry.Area, expected.Area * 1e-2);
        Assert.Equal(OpenFormatsFixture.MyanmarSummary, feature.Attributes["summary"]);
    }

    [Fact]
    public async Task A_record_with_a_restricted_footprint_shows_the_public_only_the_townships_it_touches()
    {
        var footprint = OpenFormatsFixture.Footprint;
        var touched = BoundaryData.Read("village_tracts.geojson").Where(f => f.Geometry.Intersects(footprint)).Select(f => f.Property("ts_pcode")).ToHashSet();
        var expected = new GeometryFactory().BuildGeometry(BoundaryData.Read("townships.geojson")
            .Where(f => touched.Contains(f.Property("ts_pcode"))).Select(f => f.Geometry)).Union();

        var feature = Read((await fixture.GetJson($"/ogc/collections/datasets/items/{fixture.Sensitive}")).ToJsonString());

        Assert.Equal(expected.Area, feature.Geometry.Area, expected.Area * 1e-2);
        Assert.True(feature.Geometry.Area > footprint.Area * 10, "the public must not get the drawn square");
    }

    [Fact]
    public async Task datetime_selects_records_by_reference_period_as_an_instant_or_an_open_interval()
    {
        async Task<List<int>> Ids(string datetime) =>
            (await fixture.GetJson($"/ogc/collections/datasets/items?datetime={Uri.EscapeDataString(datetime)}"))["features"]!.AsArray()
            .Select(f => (int)f!["id"]!).ToList();

        Assert.Equal([fixture.Picked], await Ids("2015-03-01"));
        Assert.Equal([fixture.Picked], await Ids("2015-03-01T12:00:00Z"));
        Assert.Equal([fixture.Picked, fixture.Sensitive], await Ids("2015-01-01/.."));
        Assert.Equal([fixture.StateLevel], await Ids("../2014-12-31"));
        Assert.Empty(await Ids("2017-01-01/2018-01-01"));
        // The forms GDAL's OAPIF driver sends for "period_start >= '2015-01-01'" and "period_end <= '2014-12-31'".
        Assert.Equal([fixture.Picked, fixture.Sensitive], await Ids("2015-01-01T/.."));
        Assert.Equal([fixture.StateLevel], await Ids("../2014-12-31T"));
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Client.GetAsync("/ogc/collections/datasets/items?datetime=2015-01-0T/..")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Client.GetAsync("/ogc/collections/datasets/items?datetime=yesterday")).StatusCode);
    }

    [Fact]
    public async Task The_datasets_collection_extent_covers_the_visible_records_and_their_reference_periods()
    {
        var collection = await fixture.GetJson("/ogc/collections/datasets");

        var box = collection["extent"]!["spatial"]!["bbox"]![0]!.AsArray().Select(v => (double)v!).ToArray();
        var mon = new Envelope();
        foreach (var township in BoundaryData.Read("townships.geojson").Where(f => f.Property("st_pcode") == "MMR011"))
            mon.ExpandToInclude(township.Geometry.EnvelopeInternal);
        // The state-level record covers all of Mon, which holds everything else seeded. Features carry the units' display
        // geometry (simplified within the state tolerance, 0.005°), so the box is Mon's within that and holds every feature.
        Assert.Equal([mon.MinX, mon.MinY, mon.MaxX, mon.MaxY], box, (a, b) => Math.Abs(a - b) < 0.005);
        foreach (var feature in (await fixture.GetJson("/ogc/collections/datasets/items?limit=100"))["features"]!.AsArray())
        {
            var envelope = Read(feature!.ToJsonString()).Geometry.EnvelopeInternal;
            Assert.True(new Envelope(box[0], box[2], box[1], box[3]).Contains(envelope), $"feature {feature["id"]} {envelope} outside the extent");
        }
        var interval = collection["extent"]!["temporal"]!["interval"]![0]!.AsArray().Select(v => (string)v!).ToArray();
        Assert.Equal(["2014-03-29T00:00:00Z", "2016-12-31T00:00:00Z"], interval);
    }

    [Fact]
    public async Task Township_coverage_for_a_sector_counts_the_visible_records_on_each_township_or_inside_it()
    {
        var footprint = OpenFormatsFixture.Footprint;
        var touched = BoundaryData.Read("village_tracts.geojson").Where(f => f.Geometry.Intersects(footprint)).Select(f => f.Property("ts_pcode")).ToHashSet();
        var expected = MonTownships.ToDictionary(t => t,
            t => (OpenFormatsFixture.PickedTownships.Contains(t) ? 1 : 0) + (touched.Contains(t) ? 1 : 0));

        var body = await fixture.GetJson("/ogc/collections/coverage-wash-township/items?limit=100");

        var counts = body["features"]!.AsArray().ToDictionary(f => (string)f!["id"]!, f => (int)f!["properties"]!["dataset_count"]!);
        Assert.Equal(79, counts.Count);
        Assert.Equal(expected, MonTownships.ToDictionary(t => t, t => counts[t]));
        Assert.Equal(0, counts.Where(c => !c.Key.StartsWith("MMR011", StringComparison.Ordinal)).Sum(c => c.Value));

        // The state-level services record rolls down onto every township of Mon.
        var services = await fixture.GetJson("/ogc/collections/coverage-services-township/items/MMR011005");
        Assert.Equal(1, (int)services["properties"]!["dataset_count"]!);
    }

    static string? Link(JsonNode body, string rel) =>
        body["links"]!.AsArray().Where(l => (string)l!["rel"]! == rel).Select(l => (string)l!["href"]!).FirstOrDefault();

    static IEnumerable<string> Ids(JsonNode body) => body["features"]!.AsArray().Select(f => (string)f!["id"]!);

    static IFeature Read(string json) => System.Text.Json.JsonSerializer.Deserialize<IFeature>(json, BoundaryData.GeoJsonOptions)!;
}
