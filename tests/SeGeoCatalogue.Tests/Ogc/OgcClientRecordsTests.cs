using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Ogc;

/// <summary>
/// The catalogue read as OGC API – Records by clients nobody here wrote, over a real socket: @camptocamp/ogc-client 1.3.0
/// (npm; Ogc/ogc-client-records.mjs) and GDAL's OAPIF driver. What they read must equal the seeded records the public may see.
/// </summary>
public sealed class OgcClientRecordsTests(OpenFormatsFixture fixture) : IClassFixture<OpenFormatsFixture>, IAsyncLifetime
{
    OgcOverHttp _http = null!;

    public Task InitializeAsync()
    {
        _http = new OgcOverHttp(fixture.App);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _http.DisposeAsync();

    [Fact]
    public async Task Ogc_client_finds_the_record_collection_and_reads_the_public_records_as_seeded()
    {
        var clock = Stopwatch.StartNew();
        var read = JsonNode.Parse(await Node.RunAsync("Ogc/ogc-client-records.mjs", _http.BaseUrl))!;
        Console.WriteLine($"ogc-client 1.3.0 over the catalogue: {_http.Requests.Count} requests, {clock.Elapsed.TotalSeconds:F2} s (Node start included)");

        Assert.True((bool)read["hasRecords"]!, _http.Dump());
        Assert.Equal(["catalogue"], read["recordCollections"]!.AsArray().Select(c => (string)c!));
        Assert.Equal("record", (string)read["info"]!["itemType"]!);
        Assert.Contains("description", read["info"]!["queryables"]!.AsArray().Select(q => (string)q!));

        var records = read["records"]!.AsArray().ToDictionary(r => (string)r!["id"]!, r => r!);
        // Hand-written from the fixture: title, holder, sectors, period of each record the public may see.
        var expected = new Dictionary<int, (string Title, string Holder, string[] Sectors, string Start, string End)>
        {
            [fixture.Picked] = ("Mon household food security survey", "World Food Programme", ["wash", "food-security"], "2015-01-01", "2015-06-30"),
            [fixture.Sensitive] = ("Mawlamyine water points", OpenFormatsFixture.HolderMy, ["wash"], "2016-01-01", "2016-12-31"),
            [fixture.StateLevel] = ("Mon clinics register", "World Food Programme", ["services"], "2014-03-29", "2014-04-10"),
        };
        Assert.Equal(expected.Keys.Select(k => k.ToString(CultureInfo.InvariantCulture)).Order(), records.Keys.Order());
        foreach (var (id, want) in expected)
        {
            var record = records[id.ToString(CultureInfo.InvariantCulture)];
            var p = record["properties"]!;
            Assert.Equal("dataset", (string)p["type"]!);
            Assert.Equal(want.Title, (string)p["title"]!);
            Assert.Equal(want.Holder, (string)p["contacts"]![0]!["organization"]!);
            Assert.Equal(want.Sectors, p["themes"]![0]!["concepts"]!.AsArray().Select(c => (string)c!["id"]!));
            Assert.Equal([want.Start, want.End], record["time"]!["interval"]!.AsArray().Select(v => (string)v!));
            Assert.Contains(record["links"]!.AsArray(), l => (string)l!["href"]! == $"{_http.BaseUrl}/dataset.html?id={id}");
        }
        Assert.DoesNotContain("RESTRICTED", read.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(read["records"]![0]!.ToJsonString(), read["first"]!.ToJsonString());

        // The sensitive record: the township it lies in, not the drawn square (five corners of a 0.06° box).
        var sensitive = records[fixture.Sensitive.ToString(CultureInfo.InvariantCulture)]["geometry"]!.ToJsonString();
        Assert.DoesNotContain("[97.6,16.46]", sensitive, StringComparison.Ordinal);
        var ratio = await fixture.App.ScalarAsync<double>(
            $"SELECT ST_Area(ST_Envelope(ST_GeomFromGeoJSON('{sensitive}'))) / ST_Area(ST_GeomFromText('{OpenFormatsFixture.FootprintWkt}'))");
        Assert.True(ratio > 10, $"the sensitive record's box is only {ratio:F1}× its footprint");

        // ogc-client's bbox search around the footprint: every public record reaches it (see CatalogueRecordsTests).
        Assert.Equal(expected.Keys.Select(k => k.ToString(CultureInfo.InvariantCulture)).Order(), read["inBox"]!.AsArray().Select(i => (string)i!).Order());
    }

    [Fact]
    public async Task Gdals_OAPIF_driver_reads_the_catalogue_collection()
    {
        var clock = Stopwatch.StartNew();
        var output = await Gdal.RunAsync("ogrinfo", "-ro", "-al", "-geom=NO", $"OAPIF:{_http.BaseUrl}/ogc", "catalogue");
        Console.WriteLine($"GDAL ogrinfo OAPIF catalogue: {_http.Requests.Count} requests, {clock.Elapsed.TotalSeconds:F2} s");

        Assert.Contains("Feature Count: 3", output, StringComparison.Ordinal);
        var titles = output.Split('\n').Where(l => l.Contains("title (String) = ")).Select(l => l.Split(" = ", 2)[1].Trim()).Order().ToList();
        Assert.Equal(["Mawlamyine water points", "Mon clinics register", "Mon household food security survey"], titles);
        Assert.DoesNotContain("RESTRICTED", output, StringComparison.Ordinal);
    }
}
