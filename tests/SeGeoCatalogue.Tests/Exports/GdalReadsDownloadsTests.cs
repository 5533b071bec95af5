using System.IO.Compression;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Infrastructure;
using SeGeoCatalogue.Tests.Ogc;

namespace SeGeoCatalogue.Tests.Exports;

/// <summary>Every file download read back by GDAL (ogrinfo, ogr2ogr, validate_gpkg.py), not by the library that wrote it.</summary>
public sealed class GdalReadsDownloadsTests(OpenFormatsFixture fixture) : IClassFixture<OpenFormatsFixture>, IDisposable
{
    readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("segeo-gdal-");

    [Theory]
    [InlineData("/api/admin-units/export?level=village-tract&f=gpkg", "village_tracts")]
    [InlineData("/api/datasets/export?f=gpkg", "datasets")]
    public async Task A_GeoPackage_download_passes_GDALs_validator_and_keeps_every_geometry_as_XY_multipolygons(string url, string layer)
    {
        var gpkg = await SaveAsync(url, "download.gpkg");

        var (exit, output, errors) = await Gdal.ValidateGeoPackageAsync(gpkg);
        Assert.True(exit == 0 && errors.Trim().Length == 0, $"validate_gpkg.py: exit {exit}\n{output}\n{errors}");

        var summary = await Gdal.RunAsync("ogrinfo", "-so", gpkg, layer);
        Assert.Matches(@"(?m)^Geometry: Multi Polygon\s*$", summary);

        var geojson = Path.Combine(_work.FullName, "converted.geojson");
        await Gdal.RunAsync("ogr2ogr", "-f", "GeoJSON", geojson, gpkg, layer);
        var features = JsonNode.Parse(await File.ReadAllTextAsync(geojson))!["features"]!.AsArray();
        Assert.Equal(ExpectedFeatures(layer), features.Count);
        Assert.All(features, f =>
        {
            var geometry = f!["geometry"];
            Assert.NotNull(geometry);
            Assert.Equal("MultiPolygon", (string)geometry["type"]!);
            Assert.DoesNotContain("nan", geometry.ToJsonString(), StringComparison.OrdinalIgnoreCase);
            Assert.All(geometry["coordinates"]![0]![0]!.AsArray(), p => Assert.Equal(2, p!.AsArray().Count));
        });
    }

    [Theory]
    [InlineData("/api/admin-units/export?level=township&f=shp", "townships")]
    [InlineData("/api/datasets/export?f=shp", "datasets")]
    public async Task A_zipped_Shapefile_download_opens_in_GDAL_with_a_prj_without_BOM(string url, string layer)
    {
        var zip = await SaveAsync(url, "download.zip");
        var dir = Path.Combine(_work.FullName, "shp");
        ZipFile.ExtractToDirectory(zip, dir);

        var prj = await File.ReadAllBytesAsync(Path.Combine(dir, $"{layer}.prj"));
        Assert.Equal((byte)'G', prj[0]);

        var info = await Gdal.RunAsync("ogrinfo", "-so", "-ro", Path.Combine(dir, $"{layer}.shp"), layer);
        Assert.Contains($"Feature Count: {ExpectedFeatures(layer)}", info);
        Assert.Contains("GEOGCRS[\"WGS 84\"", info.Replace("GEOGCS", "GEOGCRS"));

        var geojson = Path.Combine(_work.FullName, "converted.geojson");
        await Gdal.RunAsync("ogr2ogr", "-f", "GeoJSON", geojson, Path.Combine(dir, $"{layer}.shp"));
        Assert.All(JsonNode.Parse(await File.ReadAllTextAsync(geojson))!["features"]!.AsArray(), f => Assert.NotNull(f!["geometry"]));
    }

    /// <summary>From the boundary files and the fixture's three public records, not from the service.</summary>
    static int ExpectedFeatures(string layer) => layer switch
    {
        "village_tracts" => BoundaryData.Read("village_tracts.geojson").Count,
        "townships" => BoundaryData.Read("townships.geojson").Count,
        "datasets" => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(layer)),
    };

    async Task<string> SaveAsync(string url, string name)
    {
        var response = await fixture.Client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url} → {(int)response.StatusCode}");
        var path = Path.Combine(_work.FullName, name);
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        return path;
    }

    public void Dispose() => _work.Delete(recursive: true);
}
