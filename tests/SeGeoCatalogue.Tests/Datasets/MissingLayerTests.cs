using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Datasets;

/// <summary>In its own class (and so its own database): it removes Kayah's village-tract layer.</summary>
public sealed class MissingLayerTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    [Fact]
    public async Task Where_a_state_has_no_village_tracts_a_footprint_links_townships_only_and_says_so()
    {
        var app = new DatasetTestApp(fixture);
        await app.Database.ScalarAsync<int>("WITH w AS (DELETE FROM admin_units WHERE level = 5 AND state_pcode = 'MMR002'), v AS (DELETE FROM admin_units WHERE level = 4 AND state_pcode = 'MMR002' RETURNING 1) SELECT count(*)::int FROM v");
        var loikaw = BoundaryData.Read("townships.geojson").Single(f => f.Property("ts_pcode") == "MMR002001").Geometry.InteriorPoint;

        var response = await app.Client().PostAsJsonAsync("/api/footprints/preview", new JsonObject
        {
            ["footprint"] = DatasetTestApp.Box(loikaw.X - 0.05, loikaw.Y - 0.05, loikaw.X + 0.05, loikaw.Y + 0.05),
        });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        var units = body["units"]!.AsArray();
        Assert.Contains(units, u => (string)u!["pcode"]! == "MMR002001");
        Assert.All(units, u => Assert.Equal("township", (string)u!["level"]!));
        Assert.Contains("Kayah (MMR002)", (string)body["notices"]![0]!);
    }
}
