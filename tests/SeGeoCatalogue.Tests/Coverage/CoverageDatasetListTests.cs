using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Datasets;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Coverage;

public sealed class CoverageDatasetListTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    readonly DatasetTestApp _app = new(fixture);

    [Theory]
    [InlineData(null, 2)]
    [InlineData("village-tract", 1)]
    public async Task A_units_dataset_link_lists_exactly_the_records_its_count_counts(string? levelMin, int expected)
    {
        // A word only this run's records carry, so the class's other runs do not count.
        var tag = $"zl{Guid.NewGuid().ToString("N")[..6]}";
        var holder = await _app.OrganisationAsync("Holder", "HLD");
        var vt = BoundaryData.Read("village_tracts.geojson")
            .Where(f => f.Property("ts_pcode") == "MMR011002" && f.Property("unit_type") == "village_tract")
            .Select(f => f.Property("vt_pcode")).Order().First();
        var township = DatasetTestApp.Body(holder, $"Township hazards {tag}");
        township["sectors"] = new JsonArray("hazards");
        township["disaggregation_level"] = "township";
        township["area"] = new JsonObject { ["pcodes"] = new JsonArray("MMR011002") };
        await _app.CreateAsync(township);
        var villageTract = DatasetTestApp.Body(holder, $"Village-tract hazards {tag}");
        villageTract["sectors"] = new JsonArray("hazards");
        villageTract["disaggregation_level"] = "village-tract";
        villageTract["area"] = new JsonObject { ["pcodes"] = new JsonArray(vt) };
        var (vtRecord, _, _) = await _app.CreateAsync(villageTract);

        var query = $"level=village-tract&sector=hazards&state=MMR011&geometry=none&q={tag}"
                    + (levelMin is null ? "" : $"&level_min={levelMin}");
        var unit = JsonNode.Parse(await _app.Client(null).GetStringAsync($"/api/coverage?{query}"))!
            ["features"]!.AsArray().Single(f => (string)f!["id"]! == vt)!["properties"]!;
        var list = JsonNode.Parse(await _app.Client(null).GetStringAsync((string)unit["datasets_href"]!))!;

        Assert.Equal(expected, (int)unit["dataset_count"]!);
        Assert.Equal(expected, (int)list["total"]!);
        Assert.Contains(vtRecord, list["items"]!.AsArray().Select(i => (int)i!["id"]!));
    }
}
