using System.Diagnostics;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Ogc;

/// <summary>GDAL's OAPIF driver (Debian's GDAL 3.6) against the service on a real socket, counting the requests it makes.</summary>
public sealed partial class OgcGdalTests(OpenFormatsFixture fixture) : IClassFixture<OpenFormatsFixture>, IAsyncLifetime
{
    OgcOverHttp _http = null!;
    readonly string _dir = Directory.CreateTempSubdirectory("ogc-gdal-").FullName;

    public Task InitializeAsync()
    {
        _http = new OgcOverHttp(fixture.App);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _http.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task The_service_desc_is_the_OGC_APIs_own_OpenAPI_3_0_with_the_bounds_of_limit()
    {
        var landing = await fixture.GetJson("/ogc");
        var link = landing["links"]!.AsArray().Single(l => (string)l!["rel"]! == "service-desc")!;
        Assert.Equal("application/vnd.oai.openapi+json;version=3.0", (string)link["type"]!);

        var response = await fixture.Client.GetAsync(new Uri((string)link["href"]!).PathAndQuery);

        Assert.Equal("application/vnd.oai.openapi+json;version=3.0", response.Content.Headers.ContentType!.ToString().Replace(" ", ""));
        var api = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.StartsWith("3.0", (string)api["openapi"]!);
        Assert.EndsWith("/ogc", (string)api["servers"]![0]!["url"]!);
        var limit = Limit(api);
        Assert.Equal(10, (int)limit["default"]!);
        Assert.Equal(1, (int)limit["minimum"]!);
        Assert.Equal(10_000, (int)limit["maximum"]!);
        foreach (var status in new[] { "200", "304", "400", "404" })
            Assert.NotNull(api["paths"]!["/collections/{collectionId}/items"]!["get"]!["responses"]![status]);
    }

    [Fact]
    public async Task Gdal_reads_every_village_tract_at_the_advertised_page_size_in_few_requests()
    {
        var expected = BoundaryData.Read("village_tracts.geojson").Count;
        var api = JsonNode.Parse(await new HttpClient().GetStringAsync($"{_http.BaseUrl}/ogc/api"))!;
        var pageSize = (int)Limit(api)["maximum"]!;
        var output = Path.Combine(_dir, "vt.geojsonl");

        var clock = Stopwatch.StartNew();
        await Gdal.RunAsync("ogr2ogr", "-f", "GeoJSONSeq", output, $"OAPIF:{_http.BaseUrl}/ogc", "village-tracts", "-oo", $"PAGE_SIZE={pageSize}");
        clock.Stop();

        Assert.Equal(expected, File.ReadLines(output).Count(l => l.Contains("\"Feature\"")));
        var items = _http.Paths("/ogc/collections/village-tracts/items").ToList();
        Assert.True(_http.Requests.Count < 10, $"{_http.Requests.Count} requests in {clock.Elapsed}:\n{_http.Dump()}");
        Assert.All(items, p => Assert.Contains($"limit={pageSize}", p));
        Console.WriteLine($"GDAL ogr2ogr village-tracts PAGE_SIZE={pageSize}: {_http.Requests.Count} requests, {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task Gdals_date_filter_runs_on_the_server_with_its_open_interval()
    {
        var output = await Gdal.RunAsync("ogrinfo", "-ro", "-al", "-geom=NO", $"OAPIF:{_http.BaseUrl}/ogc", "datasets",
            "-where", "period_start >= '2015-01-01'");

        var titles = output.Split('\n').Where(l => l.Contains("title (String) = ")).Select(l => l.Split(" = ", 2)[1].Trim()).Order().ToList();
        Assert.Equal(["Mawlamyine water points", "Mon household food security survey"], titles);
        Assert.Contains(_http.Requests, r => r.PathAndQuery.Contains("datetime=2015-01-01T/..") && r.Status == 200);
    }

    [Fact]
    public async Task Gdals_where_on_a_dataset_field_runs_on_the_server_as_a_parameter_or_as_a_CQL_filter()
    {
        string[] Titles(string output) => output.Split('\n').Where(l => l.Contains("title (String) = ")).Select(l => l.Split(" = ", 2)[1].Trim()).Order().ToArray();
        var url = $"OAPIF:{_http.BaseUrl}/ogc";

        var plain = await Gdal.RunAsync("ogrinfo", "-ro", "-al", "-geom=NO", url, "datasets", "-where", "availability = 'public'");
        var cql = await Gdal.RunAsync("ogrinfo", "-ro", "-al", "-geom=NO", "--config", "OGR_OAPIF_ALLOW_CQL_TEXT", "YES", url, "datasets",
            "-where", "availability = 'public' OR availability = 'not-available'");

        Assert.Equal(["Mon household food security survey"], Titles(plain));
        Assert.Equal(["Mon clinics register", "Mon household food security survey"], Titles(cql));
        Assert.Contains(_http.Requests, r => r.PathAndQuery.Contains("availability=public") && r.Status == 200);
        Assert.Contains(_http.Requests, r => r.PathAndQuery.Contains("filter=") && r.PathAndQuery.Contains("availability = 'not-available'") && r.Status == 200);
        Assert.DoesNotContain(_http.Requests, r => r.Status >= 400);
    }

    static JsonNode Limit(JsonNode api)
    {
        var parameters = api["paths"]!["/collections/{collectionId}/items"]!["get"]!["parameters"]!.AsArray();
        foreach (var p in parameters)
        {
            var resolved = p!["$ref"] is { } r ? api["components"]!["parameters"]![((string)r!).Split('/')[^1]]! : p;
            if ((string)resolved["name"]! == "limit") return resolved["schema"]!;
        }
        throw new Xunit.Sdk.XunitException("no limit parameter");
    }
}
