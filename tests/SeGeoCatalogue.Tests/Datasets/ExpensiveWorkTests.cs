using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Datasets;

/// <summary>Issue 10, item 6: work that costs PostGIS seconds is for members, and what it costs per unit is bounded.</summary>
public sealed class ExpensiveWorkTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    readonly DatasetTestApp _app = new(fixture);

    [Fact]
    public async Task Footprint_preview_and_file_reading_need_a_signed_in_member()
    {
        var anonymous = _app.Client(null);
        var preview = await anonymous.PostAsJsonAsync("/api/footprints/preview",
            new JsonObject { ["footprint"] = DatasetTestApp.Box(97.60, 16.45, 97.66, 16.50) });
        var read = await anonymous.PostAsync("/api/footprints/read",
            new MultipartFormDataContent { { new StringContent("{}"), "file", "area.geojson" } });

        Assert.Equal(HttpStatusCode.Unauthorized, preview.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        var holder = await _app.OrganisationAsync("Preview holder");
        var member = await _app.Client($"member:{holder}").PostAsJsonAsync("/api/footprints/preview",
            new JsonObject { ["footprint"] = DatasetTestApp.Box(97.60, 16.45, 97.66, 16.50) });
        Assert.Equal(HttpStatusCode.OK, member.StatusCode);
    }

    [Fact]
    public async Task Units_are_stored_in_parts_of_at_most_256_vertices_that_add_up_to_the_unit_and_follow_its_changes()
    {
        Assert.Equal(0L, await _app.Database.ScalarAsync<long>("SELECT count(*) FROM admin_unit_parts WHERE ST_NPoints(geom) > 256"));
        // Every unit of levels 3-5 has parts, and their areas add up to the unit's (within float noise).
        Assert.Equal(0L, await _app.Database.ScalarAsync<long>("""
            SELECT count(*) FROM admin_units u
            WHERE u.level >= 3 AND abs(coalesce((SELECT sum(ST_Area(p.geom)) FROM admin_unit_parts p WHERE p.pcode = u.pcode), 0) - ST_Area(u.geom)) > 1e-9
            """));

        const string township = "MMR011001";
        await _app.Database.ScalarAsync<int>("""
            UPDATE admin_units SET geom = ST_Multi(ST_MakeEnvelope(97.60, 16.45, 97.66, 16.50, 4326)) WHERE pcode = @p RETURNING 1
            """, ("p", township));
        Assert.Equal(1L, await _app.Database.ScalarAsync<long>("SELECT count(*) FROM admin_unit_parts WHERE pcode = @p", ("p", township)));
        Assert.True(await _app.Database.ScalarAsync<bool>(
            "SELECT ST_Equals(geom, ST_MakeEnvelope(97.60, 16.45, 97.66, 16.50, 4326)) FROM admin_unit_parts WHERE pcode = @p", ("p", township)));
    }

    [Fact]
    public async Task A_record_geometry_in_OGC_and_exports_is_drawn_from_its_units_display_geometry_not_the_full_one()
    {
        var holder = await _app.OrganisationAsync("Geometry holder");
        var body = DatasetTestApp.Body(holder, "Township survey", new JsonObject { ["pcodes"] = new JsonArray("MMR011002") });
        var (id, _, _) = await _app.CreateAsync(body);
        var client = _app.Client(null);

        var simplified = JsonNode.Parse(await client.GetStringAsync("/api/admin-units/MMR011002?geometry=simplified"))!["geometry"]!;
        var full = JsonNode.Parse(await client.GetStringAsync("/api/admin-units/MMR011002?geometry=full"))!["geometry"]!;
        var record = JsonNode.Parse(await client.GetStringAsync($"/ogc/collections/datasets/items/{id}"))!["geometry"]!;

        Assert.True(Vertices(simplified) < Vertices(full), "the display geometry should be simpler than the full one");
        Assert.InRange(Vertices(record), 4, Vertices(simplified));
    }

    static int Vertices(JsonNode geometry)
    {
        static int Count(JsonNode? node) => node is JsonArray a && a.Count > 0 && a[0] is JsonValue ? 1 : node is JsonArray arr ? arr.Sum(Count) : 0;
        return Count(geometry["coordinates"]);
    }
}
