using System.Text.Json.Nodes;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Coverage;

/// <summary>The planner's question on the demo catalogue: where is food-security data collected per village tract?</summary>
public sealed class DemoGapTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    [Fact]
    public async Task State_wide_sample_surveys_do_not_fill_village_tract_gaps()
    {
        await DemoCatalogue.SeedAsync(fixture.App.DataSource);

        var gaps = JsonNode.Parse(await fixture.Client.GetStringAsync(
            "/api/gaps?level=village-tract&sector=food-security&level_min=village-tract&geometry=none"))!;

        // The public demo food-security records are household sample surveys linked to whole states, township market
        // prices and a sensitive village-level footprint (township detail for the public): none was collected per
        // village tract where the public can see it, so every unit of the village-tract layer is a gap.
        var layer = BoundaryData.Read("village_tracts.geojson").Count;
        Assert.Equal(layer, (int)gaps["summary"]!["units"]!);
        Assert.Equal(layer, (int)gaps["summary"]!["gaps"]!);

        // Without the resolution filter the same units are not gaps, but only coarser data reaches them.
        var coverage = JsonNode.Parse(await fixture.Client.GetStringAsync("/api/coverage?level=village-tract&sector=food-security&geometry=none"))!;
        var classes = coverage["features"]!.AsArray().GroupBy(f => (string)f!["properties"]!["class"]!).ToDictionary(g => g.Key, g => g.Count());
        Assert.DoesNotContain("here", classes.Keys);
        Assert.True(classes.GetValueOrDefault("coarser") > 0, string.Join(", ", classes));
    }
}
