using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Boundaries;

/// <summary>Imports that change the data get a database of their own.</summary>
public sealed class BoundaryRejectionTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    [Fact]
    public async Task A_file_with_a_bad_pcode_is_rejected_whole_and_changes_nothing()
    {
        var before = await fixture.App.ScalarAsync<string>("SELECT md5(string_agg(pcode || source_hash, ',' ORDER BY pcode)) FROM admin_units WHERE level = 4");
        var dir = BoundaryImportTests.TempDir();
        var vts = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(BoundaryData.Directory, "village_tracts.geojson")))!;
        var features = vts["features"]!.AsArray();
        int IndexOf(string pcode) => features.ToList().FindIndex(f => (string?)f!["properties"]!["vt_pcode"] == pcode);
        var wrongParent = IndexOf("MMR003001001");
        var noPcode = IndexOf("MMR003001002");
        Assert.True(wrongParent >= 0 && noPcode >= 0, "test data: expected VTs not found");
        features[wrongParent]!["properties"]!["vt_pcode"] = "MMR011009001";
        features[noPcode]!["properties"]!["vt_pcode"] = null;
        // Also rename a good feature, so that a half-import would show.
        features[0]!["properties"]!["vt_name_en"] = "Changed";
        // One feature per line, as GDAL writes them, so lines can be checked too.
        var text = "{\"type\":\"FeatureCollection\",\"features\":[\n" + string.Join(",\n", features.Select(f => f!.ToJsonString())) + "\n]}";
        await File.WriteAllTextAsync(Path.Combine(dir, "village_tracts.geojson"), text);

        var report = await new BoundaryImportTests(fixture).Import(dir);

        var file = report.Files.Single(f => f.FileName == "village_tracts.geojson");
        Assert.True(file.Rejected);
        Assert.Contains(file.Problems, p => p.Contains($"feature {wrongParent + 1} (line {wrongParent + 2})") && p.Contains("MMR011009001") && p.Contains("MMR003001"));
        Assert.Contains(file.Problems, p => p.Contains($"feature {noPcode + 1} (line {noPcode + 2})") && p.Contains("no vt_pcode"));
        Assert.Empty(file.Changed);
        Assert.Equal(before, await fixture.App.ScalarAsync<string>("SELECT md5(string_agg(pcode || source_hash, ',' ORDER BY pcode)) FROM admin_units WHERE level = 4"));
    }
}
