using System.Net;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Datasets;

/// <summary>
/// What each viewer sees through the dataset read endpoints (list, facets, detail, history, area), for every
/// visibility × curation state. Expected sets are written out from the rule of issue 5, not computed by the service.
/// </summary>
public sealed class DatasetReadVisibilityTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    readonly DatasetTestApp _app = new(fixture);

    static readonly string[] Visibilities = ["public", "network", "private"];
    static readonly string[] States = ["draft", "submitted", "published"];

    /// <summary>(visibility, state) pairs each viewer sees of a record held by organisation A.</summary>
    static readonly Dictionary<string, (string Visibility, string State)[]> Expected = new()
    {
        ["public"] = [("public", "published")],
        ["member of another organisation"] = [("public", "published"), ("network", "published")],
        ["member of the holder"] = Visibilities.SelectMany(v => States.Select(s => (v, s))).ToArray(),
        ["curator"] = Visibilities.SelectMany(v => States.Select(s => (v, s))).ToArray(),
    };

    [Fact]
    public async Task Every_dataset_read_endpoint_shows_each_viewer_exactly_the_records_the_rule_allows()
    {
        var tag = $"zv{Guid.NewGuid().ToString("N")[..6]}";
        var holder = await _app.OrganisationAsync("Holder", "HLD");
        var other = await _app.OrganisationAsync("Other", "OTH");
        var records = new Dictionary<(string, string), int>();
        foreach (var visibility in Visibilities)
            foreach (var state in States)
            {
                var body = DatasetTestApp.Body(holder, $"{visibility} {state} {tag}");
                body["sectors"] = new JsonArray("wash");
                var (id, _, _) = await _app.CreateAsync(body, publish: false);
                await _app.Database.ScalarAsync<int>("UPDATE datasets SET curation_state = @s, visibility = @v WHERE id = @id RETURNING id",
                    ("s", state), ("v", visibility), ("id", id));
                records[(visibility, state)] = id;
            }
        var viewers = new Dictionary<string, string?>
        {
            ["public"] = null, ["member of another organisation"] = $"member:{other}",
            ["member of the holder"] = $"member:{holder}", ["curator"] = "curator",
        };

        foreach (var (name, viewer) in viewers)
        {
            var client = _app.Client(viewer);
            var expected = Expected[name].Select(k => records[k]).Order().ToList();

            var page = JsonNode.Parse(await client.GetStringAsync($"/api/datasets?q={tag}&limit=200"))!;
            Assert.True(expected.SequenceEqual(page["items"]!.AsArray().Select(i => (int)i!["id"]!).Order()), $"list as {name}");
            Assert.Equal(expected.Count, (int)page["total"]!);
            var wash = page["facets"]!["sector"]!.AsArray().SingleOrDefault(f => (string)f!["code"]! == "wash");
            Assert.Equal(expected.Count, wash is null ? 0 : (int)wash["count"]!);

            foreach (var id in records.Values)
            {
                var visible = expected.Contains(id) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                foreach (var path in new[] { $"/api/datasets/{id}", $"/api/datasets/{id}/history", $"/api/datasets/{id}/area?geometry=none" })
                    Assert.True(visible == (await client.GetAsync(path)).StatusCode, $"{path} as {name}: expected {visible}");
            }
        }
    }
}
