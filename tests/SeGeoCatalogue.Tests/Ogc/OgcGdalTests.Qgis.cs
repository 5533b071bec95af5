using System.Globalization;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Ogc;

/// <summary>
/// QGIS 3.22 (Debian's python3-qgis, headless qgis.core; installed by scripts/test.sh) beside GDAL: it reads the OGC
/// collections over the same real socket with its OAPIF provider and the GeoPackage downloads with its OGR provider
/// (Ogc/qgis-read.py). Expected counts come from the boundary file and the fixture's hand-named records.
/// </summary>
public sealed partial class OgcGdalTests
{
    [Fact]
    public async Task Qgis_reads_every_village_tract_and_the_public_records_over_OGC_API_and_from_the_GeoPackages()
    {
        var tracts = BoundaryData.Read("village_tracts.geojson").Count;
        int[] publicRecords = [fixture.Picked, fixture.Sensitive, fixture.StateLevel];
        var tractsFile = await DownloadAsync("/api/admin-units/export?level=village-tract&f=gpkg", "tracts.gpkg");
        var recordsFile = await DownloadAsync("/api/datasets/export?f=gpkg", "records.gpkg");

        var read = await QgisReadAsync(("oapif", $"{_http.BaseUrl}/ogc|village-tracts"), ("oapif", $"{_http.BaseUrl}/ogc|datasets"),
            ("ogr", tractsFile), ("ogr", recordsFile));

        foreach (var layer in read.Select(l => l!))
        {
            Assert.True((bool)layer["valid"]!, $"QGIS could not open {layer["source"]}: {layer.ToJsonString()}");
            Assert.Equal((int)layer["features"]!, (int)layer["with_geometry"]!);
            Assert.Equal("EPSG:4326", (string)layer["crs"]!);
        }
        foreach (var layer in new[] { read[0]!, read[2]! })
        {
            Assert.Equal(tracts, (int)layer["features"]!);
            Assert.Equal(tracts, layer["values"]!["pcode"]!.AsArray().Select(p => (string)p!).Distinct().Count());
        }
        foreach (var layer in new[] { read[1]!, read[3]! })
        {
            Assert.Equal(publicRecords.Select(id => id.ToString(CultureInfo.InvariantCulture)).Order(),
                layer["values"]!["id"]!.AsArray().Select(v => (string)v!).Order());
            Assert.Contains(OpenFormatsFixture.MyanmarSummary, layer["values"]!["summary"]!.AsArray().Select(v => (string?)v));
            Assert.DoesNotContain(layer["values"]!["title"]!.AsArray(), t => ((string)t!).Contains("RESTRICTED", StringComparison.Ordinal));
        }
        Assert.Equal(tracts, (int)read[0]!["count"]!);
    }

    async Task<string> DownloadAsync(string url, string name)
    {
        var path = Path.Combine(_dir, name);
        var response = await fixture.Client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        return path;
    }

    static async Task<JsonArray> QgisReadAsync(params (string Kind, string Source)[] layers)
    {
        var script = Path.Combine(BoundaryData.RepoRoot, "tests", "SeGeoCatalogue.Tests", "Ogc", "qgis-read.py");
        var (exit, output, errors) = await Gdal.TryRunAsync("/usr/bin/python3", [script, .. layers.SelectMany(l => new[] { l.Kind, l.Source })]);
        Assert.True(exit == 0, $"qgis-read.py exited {exit} (python3-qgis missing? scripts/test.sh installs it):\n{output}\n{errors}");
        return JsonNode.Parse(output.Trim().Split('\n')[^1])!.AsArray();
    }
}
