using System.IO.Compression;
using System.Text;
using Microsoft.Data.Sqlite;
using NetTopologySuite.IO;
using NetTopologySuite.IO.Esri;
using SeGeoCatalogue.Tests.Infrastructure;
using SeGeoCatalogue.Tests.Ogc;

namespace SeGeoCatalogue.Tests.Exports;

public sealed class ExportsTests(OpenFormatsFixture fixture) : IClassFixture<OpenFormatsFixture>
{
    static readonly string[] VisibleTitles = ["Mon household food security survey", "Mawlamyine water points", "Mon clinics register"];

    [Fact]
    public async Task A_GeoPackage_of_village_tracts_reads_back_with_every_feature_and_its_Myanmar_name()
    {
        var file = BoundaryData.Read("village_tracts.geojson").ToDictionary(f => f.Property("vt_pcode"));

        var response = await fixture.Client.GetAsync("/api/admin-units/export?level=village-tract&f=gpkg");

        Assert.Equal("application/geopackage+sqlite3", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"^segeo-admin-units-level-village-tract-\d{4}-\d{2}-\d{2}\.gpkg$", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var path = await SaveAsync(response, ".gpkg");
        await using var db = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        Assert.Contains("MIMU", await ScalarAsync(db, "SELECT description FROM gpkg_contents WHERE table_name = 'village_tracts'"));
        Assert.Equal("MULTIPOLYGON", await ScalarAsync(db, "SELECT geometry_type_name FROM gpkg_geometry_columns WHERE table_name = 'village_tracts'"));

        var reader = new GeoPackageGeoReader { HandleSRID = true };
        var seen = new HashSet<string>();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT pcode, name_my, geom FROM village_tracts";
        await using var rows = await cmd.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            var pcode = rows.GetString(0);
            Assert.True(seen.Add(pcode));
            var expected = file[pcode];
            Assert.Equal(expected.Attributes["vt_name_my"] as string, rows.IsDBNull(1) ? null : rows.GetString(1));
            var geometry = reader.Read((byte[])rows["geom"]);
            Assert.Equal(4326, geometry.SRID);
            Assert.Equal(expected.Geometry.Area, geometry.Area, expected.Geometry.Area * 1e-3 + 1e-9);
        }
        Assert.Equal(file.Count, seen.Count);
        await db.CloseAsync();
        File.Delete(path);
    }

    [Fact]
    public async Task A_zipped_Shapefile_of_townships_has_prj_and_a_UTF8_cpg_and_reads_back_with_Myanmar_names()
    {
        var file = BoundaryData.Read("townships.geojson").ToDictionary(f => f.Property("ts_pcode"), f => f.Property("ts_name_my"));

        var response = await fixture.Client.GetAsync("/api/admin-units/export?level=township&f=shp");

        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var dir = Directory.CreateTempSubdirectory("segeo-test-shp-");
        try
        {
            ZipFile.ExtractToDirectory(await response.Content.ReadAsStreamAsync(), dir.FullName);
            var names = dir.EnumerateFiles().Select(f => f.Name).ToHashSet();
            Assert.Subset(names, new HashSet<string> { "townships.shp", "townships.shx", "townships.dbf", "townships.prj", "townships.cpg" });
            Assert.Equal("UTF-8", File.ReadAllText(Path.Combine(dir.FullName, "townships.cpg")).Trim());
            Assert.Contains("GCS_WGS_1984", File.ReadAllText(Path.Combine(dir.FullName, "townships.prj")));

            var features = Shapefile.ReadAllFeatures(Path.Combine(dir.FullName, "townships.shp"));
            Assert.Equal(file, features.ToDictionary(f => (string)f.Attributes["pcode"], f => (string)f.Attributes["name_my"]));
            Assert.All(features, f => Assert.False(f.Geometry.IsEmpty));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_CSV_starts_with_a_BOM_has_one_row_per_record_and_joins_lists_with_semicolons()
    {
        var response = await fixture.Client.GetAsync("/api/datasets/export?f=csv");

        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,title,summary,", lines[0]);
        Assert.Equal(1 + VisibleTitles.Length, lines.Length);
        var picked = lines.Single(l => l.StartsWith($"{fixture.Picked},", StringComparison.Ordinal));
        Assert.Contains("wash; food-security", picked);
        Assert.Contains("MMR011001; MMR011002", picked);
        Assert.Contains(OpenFormatsFixture.MyanmarSummary, picked);
    }

    [Theory]
    [InlineData("geojson")]
    [InlineData("csv")]
    [InlineData("gpkg")]
    [InlineData("shp")]
    public async Task Restricted_records_appear_in_no_download_for_anonymous_callers(string format)
    {
        var response = await fixture.Client.GetAsync($"/api/datasets/export?f={format}");

        Assert.True(response.IsSuccessStatusCode);
        var titles = await TitlesAsync(response, format);
        Assert.Equal(VisibleTitles.Order(), titles.Order());
    }

    [Fact]
    public async Task A_filtered_download_holds_only_the_matching_records_and_says_the_filter_in_its_name()
    {
        // 19:00 UTC on 31 December 2025 is already New Year's Day (01:30) in Myanmar.
        await using var app = fixture.App.At(new DateTimeOffset(2025, 12, 31, 19, 0, 0, TimeSpan.Zero));
        var response = await app.CreateClient().GetAsync("/api/datasets/export?f=geojson&sector=services");

        Assert.Equal(["Mon clinics register"], await TitlesAsync(response, "geojson"));
        Assert.Equal("segeo-datasets-sector-services-2026-01-01.geojson", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    [Fact]
    public async Task Unknown_formats_and_levels_are_400s_naming_the_field()
    {
        var response = await fixture.Client.GetAsync("/api/admin-units/export?level=county&f=xls");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var errors = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!;
        Assert.Contains("gpkg", (string)errors["f"]![0]!);
        Assert.Contains("village-tract", (string)errors["level"]![0]!);
    }

    static async Task<List<string>> TitlesAsync(HttpResponseMessage response, string format)
    {
        switch (format)
        {
            case "geojson":
                var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                return body["features"]!.AsArray().Select(f => (string)f!["properties"]!["title"]!).ToList();
            case "csv":
                var text = await response.Content.ReadAsStringAsync();
                return VisibleTitles.Concat(["RESTRICTED"]).Where(text.Contains).ToList();
            case "gpkg":
                var path = await SaveAsync(response, ".gpkg");
                await using (var db = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False"))
                {
                    await db.OpenAsync();
                    await using var cmd = db.CreateCommand();
                    cmd.CommandText = "SELECT title FROM datasets";
                    var titles = new List<string>();
                    await using var rows = await cmd.ExecuteReaderAsync();
                    while (await rows.ReadAsync()) titles.Add(rows.GetString(0));
                    File.Delete(path);
                    return titles;
                }
            default:
                var dir = Directory.CreateTempSubdirectory("segeo-test-shp-");
                try
                {
                    ZipFile.ExtractToDirectory(await response.Content.ReadAsStreamAsync(), dir.FullName);
                    return Shapefile.ReadAllFeatures(Path.Combine(dir.FullName, "datasets.shp")).Select(f => (string)f.Attributes["title"]).ToList();
                }
                finally
                {
                    dir.Delete(recursive: true);
                }
        }
    }

    static async Task<string> SaveAsync(HttpResponseMessage response, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"segeo-test-{Guid.NewGuid():N}{extension}");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        return path;
    }

    static async Task<string> ScalarAsync(SqliteConnection db, string sql)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return (string)(await cmd.ExecuteScalarAsync())!;
    }
}
