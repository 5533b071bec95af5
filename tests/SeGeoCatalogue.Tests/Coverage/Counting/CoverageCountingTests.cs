using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SeGeoCatalogue.Coverage.Counting;
using SeGeoCatalogue.Tests.Datasets;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Coverage.Counting;

/// <summary>
/// The counting structure stays current: a member's write is counted in their next request on the node that took it,
/// and on another node (a second host on the same database) within a second without any request; responses say which
/// path answered.
/// </summary>
public sealed class CoverageCountingTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    [Fact]
    public async Task A_write_is_counted_at_once_by_the_writer_and_within_a_second_by_a_second_node()
    {
        var nodeA = new DatasetTestApp(fixture);
        var nodeB = new DatasetTestApp(fixture);
        var holder = await nodeA.OrganisationAsync("Counting writer");
        var member = $"member:{holder}";
        var url = $"/api/coverage?level=township&sector=wash&holder={holder}&geometry=none";
        async Task<(int Count, string Path)> CountAsync(DatasetTestApp node)
        {
            var response = await node.Client(member).GetAsync(url);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var unit = body["features"]!.AsArray().Single(f => (string)f!["id"]! == "MMR011001")!["properties"]!;
            return ((int)unit["dataset_count"]!, response.Headers.GetValues(CoverageCounts.PathHeader).Single());
        }
        Assert.Equal((0, "memory"), await CountAsync(nodeA));
        Assert.Equal((0, "memory"), await CountAsync(nodeB));
        var countsB = nodeB.Services.GetRequiredService<CoverageCounts>();
        var seqBefore = countsB.Seq;

        var body = DatasetTestApp.Body(holder, "Water points, written on node A");
        body["sectors"] = new JsonArray("wash");
        var created = await nodeA.Client(member).PostAsJsonAsync("/api/datasets", body);
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        // The writer's next request, on the node that took the write: counted (the draft is visible to its holder).
        Assert.Equal((1, "memory"), await CountAsync(nodeA));

        // The other node hears of it without being asked.
        var watch = Stopwatch.StartNew();
        while (countsB.Seq == seqBefore && watch.Elapsed < TimeSpan.FromSeconds(1)) await Task.Delay(20);
        Assert.True(countsB.Seq > seqBefore, $"node B still at change {countsB.Seq} after {watch.ElapsedMilliseconds} ms");
        Assert.Equal((1, "memory"), await CountAsync(nodeB));
    }

    [Fact]
    public async Task The_header_says_memory_for_common_filters_and_sql_for_the_others()
    {
        var app = new DatasetTestApp(fixture);
        var holder = await app.OrganisationAsync("Header holder");
        string[] memory =
        [
            "/api/coverage?level=township&geometry=none",
            "/api/coverage?level=village-tract&geometry=none&sector=wash",
            "/api/coverage?level=village-tract&geometry=none&sector=wash&sector=food-security",
            "/api/coverage?level=township&geometry=none&level_min=village-tract&fresh=only",
            $"/api/coverage?level=township&geometry=none&holder={holder}&method=census&availability=public&from=2015-01-01&to=2016-12-31&status=completed",
            "/api/coverage?level=township&f=csv&sector=wash",
            "/api/gaps?level=village-tract&geometry=none&sector=wash&level_min=village-tract",
            "/api/coverage/grid?level=township",
            "/api/coverage/grid?level=township&sector=wash&f=csv",
        ];
        string[] sql =
        [
            "/api/coverage?level=township",
            "/api/coverage?level=township&geometry=none&q=rice",
            "/api/coverage?level=township&geometry=none&indicator=Food%20Consumption%20Score",
            "/api/coverage?level=township&geometry=none&bbox=97,16,98,17",
            "/api/coverage?level=township&geometry=none&pcode=MMR011001",
            "/api/gaps?level=township&geometry=simplified",
            "/api/coverage/grid?level=township&q=rice",
        ];
        foreach (var (urls, path) in new[] { (memory, "memory"), (sql, "sql") })
            foreach (var url in urls)
            {
                var response = await app.Client(null).GetAsync(url);
                Assert.True(response.IsSuccessStatusCode, url);
                Assert.Equal(path, response.Headers.GetValues(CoverageCounts.PathHeader).Single());
            }
        var member = await app.Client($"member:{holder}").GetAsync(memory[1]);
        Assert.Equal("memory", member.Headers.GetValues(CoverageCounts.PathHeader).Single());

        var switchedOff = new DatasetTestApp(fixture, ("Coverage:FastCounts", "false"));
        var off = await switchedOff.Client(null).GetAsync(memory[0]);
        Assert.Equal("sql", off.Headers.GetValues(CoverageCounts.PathHeader).Single());
    }
}
