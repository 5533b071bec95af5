using System.Net;
using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using Npgsql;
using SeGeoCatalogue.Boundaries;
using SeGeoCatalogue.Shared;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Boundaries;

public sealed class AdminUnitsApiTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    [Fact]
    public async Task A_point_in_Mawlamyine_lies_in_Mawlamyine_township_and_its_village_tract_layer_unit()
    {
        const double lon = 97.6275, lat = 16.4905; // Mawlamyine town centre
        var point = new Point(lon, lat);
        var expectedVt = BoundaryData.Read("village_tracts.geojson").Single(f => f.Geometry.Contains(point)).Property("vt_pcode");

        var body = await GetJson($"/api/admin-units/at?lon={lon}&lat={lat}");

        var pcodes = Features(body).Select(f => (string)f["properties"]!["pcode"]!).ToList();
        Assert.Equal(["MMR011", "MMR011D001", "MMR011001", expectedVt], pcodes);
        Assert.StartsWith("MMR011001", expectedVt);
    }

    [Fact]
    public async Task An_unknown_pcode_is_a_404_problem_that_says_what_pcodes_look_like()
    {
        var response = await fixture.Client.GetAsync("/api/admin-units/MMR999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(404, (int)problem["status"]!);
        Assert.Contains("MMR999999", (string)problem["detail"]!);
    }

    [Fact]
    public async Task Bad_filters_name_the_field_and_the_fix()
    {
        var response = await fixture.Client.GetAsync("/api/admin-units?level=county&bbox=97,16,96&geometry=round");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Contains("village-tract", (string)errors["level"]![0]!);
        Assert.Contains("minLon,minLat,maxLon,maxLat", (string)errors["bbox"]![0]!);
        Assert.Contains("simplified", (string)errors["geometry"]![0]!);
    }

    [Fact]
    public async Task Listing_is_paged_with_a_clamped_limit_and_next_links()
    {
        var expectedVts = BoundaryData.Read("village_tracts.geojson").Count;

        var first = await GetJson("/api/admin-units?level=village-tract&limit=5000");

        Assert.Equal(expectedVts, (int)first["numberMatched"]!);
        Assert.Equal(1000, (int)first["numberReturned"]!); // clamped to the maximum with geometry
        var next = first["links"]!.AsArray().Single(l => (string)l!["rel"]! == "next")!;
        var second = await GetJson(new Uri((string)next["href"]!).PathAndQuery);
        Assert.Equal(1000, (int)second["numberReturned"]!);
        Assert.Empty(Features(first).Select(f => (string)f["id"]!).Intersect(Features(second).Select(f => (string)f["id"]!)));
    }

    [Fact]
    public async Task Text_search_matches_English_and_Myanmar_names()
    {
        var township = BoundaryData.Read("townships.geojson").First(f => f.Property("ts_pcode") == "MMR011001");

        foreach (var name in new[] { "mawlamyine", township.Property("ts_name_my") })
        {
            var body = await GetJson($"/api/admin-units?level=township&geometry=none&q={Uri.EscapeDataString(name)}");
            Assert.Contains("MMR011001", Features(body).Select(f => (string)f["id"]!));
        }
    }

    [Fact]
    public async Task A_bbox_query_returns_the_units_the_box_touches_and_uses_the_GiST_index()
    {
        var box = new BoundingBox(97.55, 16.40, 97.70, 16.55);
        var envelope = new GeometryFactory().ToGeometry(new Envelope(box.MinLon, box.MaxLon, box.MinLat, box.MaxLat));
        var expected = BoundaryData.Read("village_tracts.geojson")
            .Where(f => f.Geometry.Intersects(envelope)).Select(f => f.Property("vt_pcode")).Order().ToList();

        var body = await GetJson($"/api/admin-units?level=village-tract&geometry=none&limit=10000&bbox={box.MinLon},{box.MinLat},{box.MaxLon},{box.MaxLat}");
        Assert.Equal(expected, Features(body).Select(f => (string)f["id"]!).Order().ToList());

        await using var conn = await fixture.App.DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand { Connection = conn };
        var where = new AdminUnitFilter(AdminLevel.VillageTract, null, null, box).ToSql(cmd);
        cmd.CommandText = $"EXPLAIN SELECT pcode FROM admin_units WHERE {where}";
        var plan = new List<string>();
        await using (var rows = await cmd.ExecuteReaderAsync())
            while (await rows.ReadAsync()) plan.Add(rows.GetString(0));
        Assert.Contains(plan, line => line.Contains("IX_admin_units_geom"));
    }

    [Fact]
    public async Task A_state_without_a_layer_says_so()
    {
        var body = await GetJson("/api/admin-units?level=ward&parent=MMR011&geometry=none");

        Assert.Equal(0, (int)body["numberMatched"]!);
        Assert.Contains(body["notices"]!.AsArray(), n => ((string)n!).Contains("Mon (MMR011)"));
    }

    async Task<JsonNode> GetJson(string url)
    {
        var response = await fixture.Client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    static IEnumerable<JsonNode> Features(JsonNode collection) => collection["features"]!.AsArray().Select(f => f!);
}
