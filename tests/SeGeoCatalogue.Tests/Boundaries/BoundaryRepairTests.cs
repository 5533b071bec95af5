using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Boundaries;

/// <summary>Imports that change the data get a database of their own.</summary>
public sealed class BoundaryRepairTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    [Fact]
    public async Task A_broken_ring_is_repaired_and_reported()
    {
        var dir = BoundaryImportTests.TempDir();
        var townships = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(BoundaryData.Directory, "townships.geojson")))!;
        var feature = townships["features"]!.AsArray().First(f => (string)f!["properties"]!["ts_pcode"]! == "MMR011001")!;
        // A bow-tie: the ring crosses itself at (97.65, 16.45).
        feature["geometry"] = JsonNode.Parse("""{"type":"Polygon","coordinates":[[[97.6,16.4],[97.7,16.5],[97.7,16.4],[97.6,16.5],[97.6,16.4]]]}""");
        await File.WriteAllTextAsync(Path.Combine(dir, "townships.geojson"), townships.ToJsonString());

        var report = await new BoundaryImportTests(fixture).Import(dir);

        var file = report.Files.Single(f => f.FileName == "townships.geojson");
        Assert.False(file.Rejected, file.ToString());
        Assert.Contains(file.Repaired, r => r.StartsWith("MMR011001 ", StringComparison.Ordinal) && r.Contains("Self-intersection", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("MMR011001", file.Changed);
        Assert.True(await fixture.App.ScalarAsync<bool>("SELECT ST_IsValid(geom) AND NOT ST_IsEmpty(geom) FROM admin_units WHERE pcode = 'MMR011001'"));
    }
}
