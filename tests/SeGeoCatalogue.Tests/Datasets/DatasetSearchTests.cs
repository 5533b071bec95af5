using System.Net;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Datasets;

public sealed class DatasetSearchTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>, IAsyncLifetime
{
    readonly DatasetTestApp _app = new(fixture);
    static readonly string[] Availability = ["public", "members", "on-request", "not-available"];
    static readonly string[] Sectors = ["wash", "services", "food-security", "demographics"];
    static readonly string[] Levels = ["township", "village-tract", "household"];

    /// <summary>The seeded records, kept in the test to compute expected counts with plain LINQ.</summary>
    readonly List<(int Id, string Sector, string Availability, string Level, int Holder)> _seeded = [];
    string _tag = "";

    public async Task InitializeAsync()
    {
        // A tag word only these records carry, so expected counts are this class's records alone.
        _tag = $"zq{Guid.NewGuid().ToString("N")[..6]}";
        int[] holders = [await _app.OrganisationAsync("UNHCR", "UNHCR"), await _app.OrganisationAsync("MIMU", "MIMU")];
        for (var i = 0; i < 12; i++)
        {
            var body = DatasetTestApp.Body(holders[i % 2], $"Record {i} {_tag}");
            body["sectors"] = new JsonArray(Sectors[i % 4], Sectors[(i + 1) % 4]);
            body["availability"] = Availability[i % 4];
            body["disaggregation_level"] = Levels[i % 3];
            var (id, _, _) = await _app.CreateAsync(body);
            _seeded.Add((id, Sectors[i % 4], Availability[i % 4], Levels[i % 3], holders[i % 2]));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Facet_counts_equal_the_counts_of_the_filtered_result()
    {
        var page = await Search($"q={_tag}&sector=wash");
        var withWash = _seeded.Where(s => s.Sector == "wash" || Sectors[(Array.IndexOf(Sectors, s.Sector) + 1) % 4] == "wash").ToList();
        Assert.Equal(withWash.Count, (int)page["total"]!);

        foreach (var facet in page["facets"]!["availability"]!.AsArray())
        {
            var code = (string)facet!["code"]!;
            Assert.Equal(withWash.Count(s => s.Availability == code), (int)facet["count"]!);
            Assert.Equal((int)facet["count"]!, (int)(await Search($"q={_tag}&sector=wash&availability={code}"))["total"]!);
        }
        // The sector facet ignores the sector filter itself: it counts every sector under the other filters.
        var sectors = page["facets"]!["sector"]!.AsArray().ToDictionary(f => (string)f!["code"]!, f => (int)f!["count"]!);
        Assert.Equal(6, sectors["wash"]);
        Assert.Equal(6, sectors["services"]);
        var holders = page["facets"]!["holder"]!.AsArray();
        Assert.Equal(withWash.Count, holders.Sum(h => (int)h!["count"]!));
    }

    [Fact]
    public async Task Pages_are_clamped_and_linked()
    {
        var first = await Search($"q={_tag}&limit=5&sort=title");
        Assert.Equal(5, first["items"]!.AsArray().Count);
        Assert.Equal(12, (int)first["total"]!);
        var next = await Search(new Uri((string)first["links"]!["next"]!).Query.TrimStart('?'));
        Assert.Empty(first["items"]!.AsArray().Select(i => (int)i!["id"]!).Intersect(next["items"]!.AsArray().Select(i => (int)i!["id"]!)));
        Assert.Equal(200, (int)(await Search("limit=5000"))["limit"]!);
        var titles = first["items"]!.AsArray().Select(i => (string)i!["title"]!).ToList();
        Assert.Equal(titles.Order(StringComparer.OrdinalIgnoreCase), titles);
    }

    [Fact]
    public async Task Picking_a_township_links_it_without_its_village_tracts_and_a_search_by_one_of_them_finds_it()
    {
        var township = "MMR003001"; // Hpa-An
        var vt = BoundaryData.Read("village_tracts.geojson").First(f => f.Property("ts_pcode") == township).Property("vt_pcode");
        var holder = await _app.OrganisationAsync("UNOCHA", "OCHA");
        var body = DatasetTestApp.Body(holder, "Township profile");
        body["area"] = new JsonObject { ["pcodes"] = new JsonArray(township) };
        var (id, _, _) = await _app.CreateAsync(body);

        Assert.Equal(new[] { township }, await _app.Database.ScalarAsync<string[]>("SELECT array_agg(pcode) FROM dataset_links WHERE dataset_id = @id", ("id", id)));
        Assert.Contains(id, Ids(await Search($"pcode={vt}")));
        Assert.Contains(id, Ids(await Search("pcode=MMR003")));  // roll-up to the state
        Assert.DoesNotContain(id, Ids(await Search("pcode=MMR003002")));
    }

    [Fact]
    public async Task A_village_tract_link_makes_its_township_match()
    {
        var vt = BoundaryData.Read("village_tracts.geojson").First(f => f.Property("ts_pcode") == "MMR006001").Property("vt_pcode");
        var holder = await _app.OrganisationAsync("PU-AMI", "PU-AMI");
        var body = DatasetTestApp.Body(holder, "Village tract WASH");
        body["area"] = new JsonObject { ["pcodes"] = new JsonArray(vt) };
        var (id, _, _) = await _app.CreateAsync(body);

        Assert.Contains(id, Ids(await Search("pcode=MMR006001")));
        var item = (await Search("pcode=MMR006001"))["items"]!.AsArray().Single(i => (int)i!["id"]! == id)!;
        Assert.Equal(4, item["bbox"]!.AsArray().Count);
    }

    [Fact]
    public async Task Full_text_finds_by_stem_and_by_Myanmar_name()
    {
        var holder = await _app.OrganisationAsync("The Asia Foundation", "TAF");
        var name = BoundaryData.Read("townships.geojson").First(f => f.Property("ts_pcode") == "MMR011001").Property("ts_name_my");
        var body = DatasetTestApp.Body(holder, "Local governance surveys");
        body["summary"] = $"Interviews in {name}";
        var (id, _, _) = await _app.CreateAsync(body);

        Assert.Contains(id, Ids(await Search("q=survey")));
        Assert.Contains(id, Ids(await Search($"q={Uri.EscapeDataString(name)}")));
        Assert.DoesNotContain(id, Ids(await Search("q=census")));
    }

    [Fact]
    public async Task Hidden_records_are_404_and_a_sensitive_footprint_stays_hidden()
    {
        var holder = await _app.OrganisationAsync("NPA landmines", "NPA");
        var draft = await _app.CreateAsync(DatasetTestApp.Body(holder, "Draft record"), publish: false);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.Client(null).GetAsync($"/api/datasets/{draft.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.Client(null).GetAsync($"/api/datasets/{draft.Id}/area")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.Client(null).GetAsync($"/api/datasets/{draft.Id}/history")).StatusCode);

        var body = DatasetTestApp.Body(holder, "Contamination survey");
        body["footprint_sensitive"] = true;
        body["area"] = new JsonObject { ["footprint"] = DatasetTestApp.Box(97.60, 16.45, 97.66, 16.50) };
        var (id, _, _) = await _app.CreateAsync(body);

        var record = JsonNode.Parse(await _app.Client(null).GetStringAsync($"/api/datasets/{id}"))!;
        Assert.Null(record["area"]!["footprint"]);
        var coverage = JsonNode.Parse(await _app.Client(null).GetStringAsync($"/api/datasets/{id}/area?geometry=none"))!["features"]!.AsArray();
        Assert.NotEmpty(coverage);
        Assert.All(coverage, f => Assert.Equal("township", (string)f!["properties"]!["level"]!));
        var asHolder = JsonNode.Parse(await _app.Client($"member:{holder}").GetStringAsync($"/api/datasets/{id}/area?geometry=none"))!["features"]!.AsArray();
        Assert.Contains(asHolder, f => (string?)f!["properties"]!["kind"] == "footprint");
        Assert.Contains(asHolder, f => (string?)f!["properties"]!["level"] == "village-tract");
    }

    async Task<JsonNode> Search(string query)
    {
        var response = await _app.Client().GetAsync($"/api/datasets?{query}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!;
    }

    static List<int> Ids(JsonNode page) => page["items"]!.AsArray().Select(i => (int)i!["id"]!).ToList();
}
