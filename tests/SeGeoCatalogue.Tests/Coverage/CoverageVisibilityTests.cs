using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Datasets;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Coverage;

/// <summary>Coverage, gaps and grid count only what the asking viewer may see, and never reveal a sensitive record's village tracts.</summary>
public sealed class CoverageVisibilityTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    readonly DatasetTestApp _app = new(fixture);

    [Fact]
    public async Task Coverage_gaps_and_grid_count_what_the_viewer_may_see_and_keep_sensitive_village_tracts_hidden()
    {
        var holder = await _app.OrganisationAsync("Holder", "HLD");
        // Village tracts straight from the boundary file: one of Mawlamyine, two of Thanbyuzayat.
        List<string> VillageTracts(string township) => BoundaryData.Read("village_tracts.geojson")
            .Where(f => f.Property("ts_pcode") == township && f.Property("unit_type") == "village_tract")
            .Select(f => f.Property("vt_pcode")).Order().ToList();
        var draftVt = VillageTracts("MMR011001")[0];
        var (sensitiveA, sensitiveB) = (VillageTracts("MMR011004")[0], VillageTracts("MMR011004")[1]);

        var draft = DatasetTestApp.Body(holder, "Draft WASH mapping");
        draft["sectors"] = new JsonArray("wash");
        draft["area"] = new JsonObject { ["pcodes"] = new JsonArray(draftVt) };
        await _app.CreateAsync(draft, publish: false);

        var sensitive = DatasetTestApp.Body(holder, "Water points (sensitive)");
        sensitive["sectors"] = new JsonArray("wash");
        sensitive["footprint_sensitive"] = true;
        sensitive["area"] = new JsonObject { ["pcodes"] = new JsonArray(sensitiveA, sensitiveB) };
        await _app.CreateAsync(sensitive);

        async Task<Dictionary<string, JsonNode>> Coverage(string? viewer, string level) =>
            JsonNode.Parse(await _app.Client(viewer).GetStringAsync($"/api/coverage?level={level}&sector=wash&state=MMR011&geometry=none"))!
                ["features"]!.AsArray().ToDictionary(f => (string)f!["id"]!, f => f!["properties"]!);

        var publicVts = await Coverage(null, "village-tract");
        var holderVts = await Coverage($"member:{holder}", "village-tract");
        Assert.Equal(0, (int)publicVts[draftVt]["dataset_count"]!);
        Assert.Equal(1, (int)holderVts[draftVt]["dataset_count"]!);
        // The public learns only that Thanbyuzayat township has the sensitive record: every one of its village tracts
        // reads alike, at township resolution.
        Assert.Equal(1, (int)publicVts[sensitiveA]["dataset_count"]!);
        Assert.Equal("township", (string)publicVts[sensitiveA]["finest_level"]!);
        foreach (var property in new[] { "dataset_count", "finest_level", "share_covered", "datasets" })
            Assert.Equal(publicVts[sensitiveA][property]!.ToJsonString(), publicVts[sensitiveB][property]!.ToJsonString());
        Assert.Equal("household", (string)holderVts[sensitiveA]["finest_level"]!);

        var publicGaps = JsonNode.Parse(await _app.Client(null).GetStringAsync("/api/gaps?level=village-tract&sector=wash&state=MMR011&level_min=village-tract&geometry=none"))!;
        var holderGaps = JsonNode.Parse(await _app.Client($"member:{holder}").GetStringAsync("/api/gaps?level=village-tract&sector=wash&state=MMR011&level_min=village-tract&geometry=none"))!;
        var publicGapIds = publicGaps["features"]!.AsArray().Select(f => (string)f!["id"]!).ToHashSet();
        var holderGapIds = holderGaps["features"]!.AsArray().Select(f => (string)f!["id"]!).ToHashSet();
        Assert.Contains(sensitiveA, publicGapIds);
        Assert.DoesNotContain(sensitiveA, holderGapIds);
        Assert.DoesNotContain(draftVt, holderGapIds);

        async Task<JsonNode> Cell(string? viewer) =>
            JsonNode.Parse(await _app.Client(viewer).GetStringAsync("/api/coverage/grid?level=township&sector=wash&state=MMR011"))!
                ["rows"]!.AsArray().Single(r => (string)r!["pcode"]! == "MMR011004")!["cells"]!["wash"]!;
        Assert.Equal(1, (int)(await Cell(null))["count"]!);
        Assert.Equal("township", (string)(await Cell(null))["finest_level"]!);
        Assert.Equal(1, (int)(await Cell($"member:{holder}"))["count"]!);
        Assert.Equal("household", (string)(await Cell($"member:{holder}"))["finest_level"]!);
    }
}
