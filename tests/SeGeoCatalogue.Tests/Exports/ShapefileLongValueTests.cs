using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Tests.Infrastructure;
using SeGeoCatalogue.Tests.Ogc;

namespace SeGeoCatalogue.Tests.Exports;

/// <summary>A value longer than a DBF field (254 bytes) is never cut without a notice, and the full value travels in the zip.</summary>
public sealed class ShapefileLongValueTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    [Fact]
    public async Task A_long_summary_is_cut_in_the_dbf_named_in_the_cut_field_and_complete_in_the_CSV_beside_it()
    {
        // 120 Myanmar words of 3 letters: 120 × 4 characters, 3 bytes each in UTF-8 → far over 254 bytes.
        var summary = string.Join(" ", Enumerable.Repeat("မြန်", 120)) + " END";
        await using (var conn = await fixture.App.DataSource.OpenConnectionAsync())
        {
            var holder = await OpenFormatsFixture.InsertAsync<int>(conn,
                "INSERT INTO organisations (name, acronym, type, active, created_at) VALUES ('Long Org', 'LO', 'national-ngo', true, now()) RETURNING id");
            var id = await OpenFormatsFixture.DatasetAsync(conn, "Long summary record", summary, holder, "{wash}", "public", "2015-01-01", "2015-12-31");
            await OpenFormatsFixture.LinkAsync(conn, id, ["MMR011001"]);
            await DatasetUnits.RefreshAsync(conn, id);
        }
        Assert.True(Encoding.UTF8.GetByteCount(summary) > 254);

        var dir = Directory.CreateTempSubdirectory("segeo-long-");
        try
        {
            ZipFile.ExtractToDirectory(await fixture.Client.GetStreamAsync("/api/datasets/export?f=shp"), dir.FullName);
            var geojson = Path.Combine(dir.FullName, "read.geojson");
            await Gdal.RunAsync("ogr2ogr", "-f", "GeoJSON", geojson, Path.Combine(dir.FullName, "datasets.shp"));
            var properties = JsonNode.Parse(await File.ReadAllTextAsync(geojson))!["features"]!.AsArray().Single()!["properties"]!;
            var inDbf = (string)properties["summary"]!;
            Assert.True(inDbf.Length < summary.Length && summary.StartsWith(inDbf.TrimEnd('…'), StringComparison.Ordinal), inDbf);
            Assert.Equal("summary", (string)properties["cut"]!);

            var csv = await Gdal.RunAsync("ogrinfo", "-ro", "-al", "-q", Path.Combine(dir.FullName, "datasets_full.csv"));
            Assert.Contains($"summary (String) = {summary}", csv);
            Assert.Contains("datasets_full.csv", await File.ReadAllTextAsync(Path.Combine(dir.FullName, "datasets.txt")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
