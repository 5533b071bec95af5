using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Coverage.Counting;
using SeGeoCatalogue.Tests.Datasets;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Coverage;

/// <summary>
/// /api/coverage/counts, the map's compact payload: per unit the same numbers as /api/coverage for the same viewer and
/// filters (decoded through the codes the answer names), the same 400s, the same path header, no titles, compressed.
/// </summary>
public sealed class CoverageCountsTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    readonly DatasetTestApp _app = new(fixture);

    [Fact]
    public async Task Counts_equal_the_coverage_answer_for_every_unit_for_the_public_and_a_member()
    {
        var holder = await _app.OrganisationAsync("Counts holder", "CNT");
        var vt = BoundaryData.Read("village_tracts.geojson")
            .Where(f => f.Property("ts_pcode") == "MMR011001" && f.Property("unit_type") == "village_tract")
            .Select(f => f.Property("vt_pcode")).Order().First();
        var draft = DatasetTestApp.Body(holder, "Secret draft WASH mapping");
        draft["sectors"] = new JsonArray("wash");
        draft["area"] = new JsonObject { ["pcodes"] = new JsonArray(vt) };
        await _app.CreateAsync(draft, publish: false);
        var survey = DatasetTestApp.Body(holder, "Public WASH survey of two townships");
        survey["sectors"] = new JsonArray("wash", "services");
        survey["area"] = new JsonObject { ["pcodes"] = new JsonArray("MMR011004", "MMR011006") };
        await _app.CreateAsync(survey);
        var mark = await _app.Client().PostAsJsonAsync("/api/gap-marks",
            new { pcode = "MMR011005", sector = "wash", reason = "inaccessible", comment = "no road in the rains", observed_on = "2026-11-01" });
        Assert.Equal(HttpStatusCode.Created, mark.StatusCode);
        var need = await _app.Client($"member:{holder}").PostAsJsonAsync("/api/needs", new { pcodes = new[] { "MMR011007" }, sector = "wash", note = "water points wanted" });
        Assert.Equal(HttpStatusCode.Created, need.StatusCode);

        string[] queries = ["level=township", "level=township&sector=wash", "level=village-tract", "level=village-tract&sector=wash&state=MMR011",
            "level=village-tract&fresh=only&level_min=township", "level=district&holder=" + holder];
        var checkedUnits = 0;
        foreach (var viewer in new[] { null, $"member:{holder}" })
        foreach (var q in queries)
        {
            var client = _app.Client(viewer);
            var coverageResponse = await client.GetAsync($"/api/coverage?{q}&geometry=none");
            var countsResponse = await client.GetAsync($"/api/coverage/counts?{q}");
            Assert.Equal(HttpStatusCode.OK, countsResponse.StatusCode);
            Assert.Equal(coverageResponse.Headers.GetValues(CoverageCounts.PathHeader).Single(), countsResponse.Headers.GetValues(CoverageCounts.PathHeader).Single());
            var expected = JsonNode.Parse(await coverageResponse.Content.ReadAsStringAsync())!["features"]!.AsArray()
                .ToDictionary(f => (string)f!["id"]!, f => f!["properties"]!);
            var text = await countsResponse.Content.ReadAsStringAsync();
            Assert.DoesNotContain("WASH survey", text);
            var counts = JsonNode.Parse(text)!;
            var columns = counts["columns"]!.AsArray().Select(c => (string)c!).ToList();
            Assert.Equal(["class", "dataset_count", "collected_count", "finest_level", "freshness", "share_covered", "reason"], columns);
            var units = counts["units"]!.AsObject();
            Assert.Equal(expected.Keys.Order(), units.Select(u => u.Key).Order());
            foreach (var (pcode, row) in units)
            {
                var values = row!.AsArray();
                for (var i = 0; i < columns.Count; i++)
                {
                    var codes = counts["codes"]![columns[i]]?.AsArray();
                    // A coded column holds the index of its text in codes; null stays null.
                    var decoded = codes is null || values[i] is null ? values[i] : codes[(int)values[i]!];
                    Assert.True(JsonNode.DeepEquals(expected[pcode][columns[i]], decoded),
                        $"{viewer ?? "public"} {q} {pcode} {columns[i]}: coverage says {expected[pcode][columns[i]]?.ToJsonString()}, counts {decoded?.ToJsonString()}");
                }
                Assert.True(JsonNode.DeepEquals(expected[pcode]["reason_marks"], counts["reason_marks"]![pcode]), $"{q} {pcode} reason_marks");
                if (viewer is not null) Assert.True(JsonNode.DeepEquals(expected[pcode]["demand"], counts["demand"]![pcode]), $"{q} {pcode} demand");
                checkedUnits++;
            }
            Assert.Equal(viewer is null, counts["demand"] is null);
            var href = (string)counts["datasets_href"]!;
            foreach (var (pcode, unit) in expected) Assert.Equal((string)unit["datasets_href"]!, href.Replace("{pcode}", pcode));
        }
        Assert.True(checkedUnits > 2 * 2578, $"only {checkedUnits} units compared");

        // What the numbers must say, from the records written above: the draft counts for its holder only, the mark shows.
        async Task<JsonArray> Unit(string? viewer, string q, string pcode) =>
            JsonNode.Parse(await _app.Client(viewer).GetStringAsync($"/api/coverage/counts?{q}"))!["units"]![pcode]!.AsArray();
        Assert.Equal(0, (int)(await Unit(null, "level=village-tract&sector=wash", vt))[1]!);
        Assert.Equal(1, (int)(await Unit($"member:{holder}", "level=village-tract&sector=wash", vt))[1]!);
        Assert.Equal(1, (int)(await Unit(null, "level=township&sector=wash", "MMR011004"))[1]!);
        Assert.Equal(1, (int?)(await Unit(null, "level=township&sector=wash", "MMR011005"))[6]); // 1 = inaccessible in codes.reason
        var memberView = JsonNode.Parse(await _app.Client($"member:{holder}").GetStringAsync("/api/coverage/counts?level=township&sector=wash"))!;
        Assert.Equal("no road in the rains", (string)memberView["reason_marks"]!["MMR011005"]![0]!["comment"]!);
        Assert.Equal("water points wanted", (string)memberView["demand"]!["MMR011007"]!["newest_note"]!);
    }

    [Theory]
    [InlineData("level=country", "level")]
    [InlineData("level=township&sector=nonsense", "sector")]
    [InlineData("level=township&state=Yangon", "state")]
    [InlineData("level=township&from=2020-13-01", "from")]
    [InlineData("level=township&level_min=parish", "level_min")]
    [InlineData("level=township&fresh=sometimes", "fresh")]
    public async Task Bad_filters_give_the_same_400_as_coverage(string q, string field)
    {
        var coverage = await _app.Client(null).GetAsync($"/api/coverage?{q}");
        var counts = await _app.Client(null).GetAsync($"/api/coverage/counts?{q}");
        Assert.Equal(HttpStatusCode.BadRequest, counts.StatusCode);
        var expected = JsonNode.Parse(await coverage.Content.ReadAsStringAsync())!["errors"]!;
        var actual = JsonNode.Parse(await counts.Content.ReadAsStringAsync())!["errors"]!;
        Assert.NotNull(actual[field]);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"coverage {expected.ToJsonString()} counts {actual.ToJsonString()}");
    }

    [Fact]
    public async Task Geometry_and_csv_are_refused_and_an_unknown_state_is_404()
    {
        var client = _app.Client(null);
        var geometry = await client.GetAsync("/api/coverage/counts?level=township&geometry=simplified");
        Assert.Equal(HttpStatusCode.BadRequest, geometry.StatusCode);
        Assert.NotNull(JsonNode.Parse(await geometry.Content.ReadAsStringAsync())!["errors"]!["geometry"]);
        var csv = await client.GetAsync("/api/coverage/counts?level=township&f=csv");
        Assert.NotNull(JsonNode.Parse(await csv.Content.ReadAsStringAsync())!["errors"]!["f"]);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/coverage/counts?level=township&state=MMR099")).StatusCode);
    }

    [Fact]
    public async Task The_counts_travel_compressed_with_brotli()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/coverage/counts?level=village-tract");
        request.Headers.AcceptEncoding.ParseAdd("br");
        var response = await _app.Client(null).SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("br", response.Content.Headers.ContentEncoding.Single());
    }
}
