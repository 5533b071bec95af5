using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Coverage;

public sealed class CoverageApiTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    static readonly string[] AllSectors =
    [
        "physical", "hazards", "demographics", "infrastructure", "administration", "services", "wash", "food-security",
        "development-assistance", "local-governance", "economic", "security-protection", "land-natural-resources", "justice", "assessments",
    ];

    public static TheoryData<string, string?, string?, string?, string?> Filters => new()
    {
        { "township", null, null, null, null },
        { "village-tract", null, null, null, null },
        { "township", "wash", null, null, null },
        { "village-tract", "wash", null, null, null },
        { "village-tract", "food-security", null, null, null },
        { "township", null, "village-tract", null, null },
        { "village-tract", null, "village-tract", null, null },
        { "village-tract", "services", "village", null, null },
        { "township", null, null, "2016-01-01", "2016-12-31" },
        { "village-tract", null, null, "2016-01-01", "2016-12-31" },
        { "township", "demographics", null, null, null },
        { "village-tract", "demographics", null, null, null },
        { "township", "demographics", "township", null, null },
        { "village-tract", "demographics", "village-tract", null, null },
        { "village-tract", "food-security", "village-tract", null, null },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Every_unit_has_the_count_and_finest_level_a_plain_walk_over_the_seeded_links_gives(
        string level, string? sector, string? levelMin, string? from, string? to)
    {
        var scenario = await CoverageScenario.EnsureAsync(fixture.App);
        var query = $"level={level}&geometry=none" + (sector is null ? "" : $"&sector={sector}") + (levelMin is null ? "" : $"&level_min={levelMin}")
            + (from is null ? "" : $"&from={from}&to={to}");

        var features = Features(await GetJson($"/api/coverage?{query}"));

        var expectedUnits = scenario.Units.Values.Where(u => u.Level == (level == "township" ? 3 : 4)).Select(u => u.Pcode).Order().ToList();
        Assert.Equal(expectedUnits, features.Select(f => (string)f["properties"]!["pcode"]!).Order().ToList());
        DateOnly? From(string? d) => d is null ? null : DateOnly.Parse(d, CultureInfo.InvariantCulture);
        var mismatches = features
            .Select(f => f["properties"]!)
            .Select(p => (Pcode: (string)p["pcode"]!, Actual: ((int)p["dataset_count"]!, (string?)p["finest_level"], (string)p["class"]!),
                          Expected: scenario.Expected((string)p["pcode"]!, sector, levelMin, From(from), From(to))))
            .Where(x => x.Actual != (x.Expected.Count, CoverageScenario.LevelName(x.Expected.Finest), x.Expected.Class))
            .Select(x => $"{x.Pcode}: got {x.Actual}, expected {x.Expected.Count} {CoverageScenario.LevelName(x.Expected.Finest)} {x.Expected.Class}")
            .ToList();
        Assert.Empty(mismatches);
        Assert.Contains(features, f => (int)f["properties"]!["dataset_count"]! > 0); // the scenario does reach this filter
    }

    [Fact]
    public async Task Records_the_public_may_not_see_are_not_counted()
    {
        var scenario = await CoverageScenario.EnsureAsync(fixture.App);
        // MMR011002 is linked by members-only, private, draft and submitted WASH records; only A (Mon, state level) is public.
        var hidden = scenario.Datasets.Where(d => !d.VisibleToPublic).Select(d => d.Id).ToHashSet();
        Assert.Equal(5, hidden.Count);

        var body = await GetJson("/api/coverage?level=township&sector=wash&state=MMR011&geometry=none");

        var township = Features(body).Single(f => (string)f["id"]! == "MMR011002")["properties"]!;
        Assert.Equal(1, (int)township["dataset_count"]!);
        Assert.Equal("A Mon WASH state survey", (string)township["datasets"]![0]!["title"]!);
        var listed = Features(body).SelectMany(f => f["properties"]!["datasets"]!.AsArray()).Select(d => (int)d!["id"]!);
        Assert.DoesNotContain(listed, hidden.Contains);
    }

    [Fact]
    public async Task A_township_level_record_does_not_count_for_its_village_tracts_when_village_tract_data_is_asked_for()
    {
        await CoverageScenario.EnsureAsync(fixture.App);
        // B is a township-level food-security survey of MMR003001; C's village tracts there are physical, not food security.
        var all = Features(await GetJson("/api/coverage?level=village-tract&state=MMR003&sector=food-security&geometry=none"));
        var fine = Features(await GetJson("/api/coverage?level=village-tract&state=MMR003&sector=food-security&level_min=village-tract&geometry=none"));

        var tracts = all.Where(f => ((string)f["id"]!).StartsWith("MMR003001", StringComparison.Ordinal)).Select(f => (string)f["id"]!).ToList();
        Assert.NotEmpty(tracts);
        Assert.All(all.Where(f => tracts.Contains((string)f["id"]!)), f =>
        {
            Assert.Equal(1, (int)f["properties"]!["dataset_count"]!);
            Assert.Equal("township", (string)f["properties"]!["finest_level"]!);
        });
        Assert.All(fine.Where(f => tracts.Contains((string)f["id"]!)), f => Assert.Equal(0, (int)f["properties"]!["dataset_count"]!));
    }

    [Fact]
    public async Task Records_whose_period_touches_the_requested_period_count_and_those_a_day_short_do_not()
    {
        await CoverageScenario.EnsureAsync(fixture.App);
        // O starts 2016-12-31 (touches "to"), P ends 2015-12-31 (a day before "from"); both link MMR006001.
        var body = await GetJson("/api/coverage?level=township&sector=assessments&from=2016-01-01&to=2016-12-31&state=MMR006&geometry=none");
        var township = Features(body).Single(f => (string)f["id"]! == "MMR006001")["properties"]!;
        Assert.Equal(1, (int)township["dataset_count"]!);
        Assert.Equal("O Assessment starting on the last day", (string)township["datasets"]![0]!["title"]!);

        // A ends 2016-01-01, the first day asked for: it counts.
        var mon = Features(await GetJson("/api/coverage?level=state&sector=wash&from=2016-01-01&to=2016-12-31&geometry=none"))
            .Single(f => (string)f["id"]! == "MMR011")["properties"]!;
        Assert.Contains("A Mon WASH state survey", mon["datasets"]!.AsArray().Select(d => (string)d!["title"]!));
    }

    [Fact]
    public async Task A_township_covered_only_through_some_of_its_tracts_reports_the_share_of_tracts_covered()
    {
        var scenario = await CoverageScenario.EnsureAsync(fixture.App);
        var tractsInTownship = scenario.Units.Values.Count(u => u.Level == 4 && u.Parent == "MMR011001");

        var body = await GetJson("/api/coverage?level=township&sector=physical&state=MMR011&geometry=none");

        var township = Features(body).Single(f => (string)f["id"]! == "MMR011001")["properties"]!;
        Assert.Equal(Math.Round(6.0 / tractsInTownship, 4), (double)township["share_covered"]!, 4);
        Assert.Equal("village-tract", (string)township["finest_level"]!);
        Assert.Equal("/api/datasets?pcode=MMR011001&sector=physical", (string)township["datasets_href"]!);
        var rolledDown = Features(await GetJson("/api/coverage?level=township&sector=wash&state=MMR011&geometry=none"))
            .Single(f => (string)f["id"]! == "MMR011001")["properties"]!;
        Assert.Equal(1.0, (double)rolledDown["share_covered"]!);
    }

    [Theory]
    [InlineData("township", "wash")]
    [InlineData("village-tract", "services")]
    public async Task Gaps_are_exactly_the_units_with_no_matching_record(string level, string sector)
    {
        var scenario = await CoverageScenario.EnsureAsync(fixture.App);
        var units = scenario.Units.Values.Where(u => u.Level == (level == "township" ? 3 : 4)).ToList();
        var expectedGaps = units.Where(u => scenario.Expected(u.Pcode, sector).Count == 0).Select(u => u.Pcode).Order().ToList();

        var body = await GetJson($"/api/gaps?level={level}&sector={sector}&geometry=none");

        Assert.Equal(expectedGaps, Features(body).Select(f => (string)f["id"]!).Order().ToList());
        var summary = body["summary"]!;
        Assert.Equal(units.Count, (int)summary["units"]!);
        Assert.Equal(expectedGaps.Count, (int)summary["gaps"]!);
        var mon = summary["by_state"]!.AsArray().Single(s => (string)s!["state_pcode"]! == "MMR011")!;
        Assert.Equal(units.Count(u => u.Pcode.StartsWith("MMR011", StringComparison.Ordinal)), (int)mon["units"]!);
        Assert.Equal(expectedGaps.Count(p => p.StartsWith("MMR011", StringComparison.Ordinal)), (int)mon["gaps"]!);
    }

    [Fact]
    public async Task Grid_cells_equal_the_coverage_counts_per_sector_and_state_subtotals_count_distinct_records()
    {
        var scenario = await CoverageScenario.EnsureAsync(fixture.App);

        var grid = await GetJson("/api/coverage/grid?level=township");

        Assert.Equal(AllSectors, grid["sectors"]!.AsArray().Select(s => (string)s!));
        var rows = grid["rows"]!.AsArray();
        Assert.Equal(scenario.Units.Values.Count(u => u.Level == 3), rows.Count);
        var mismatches = (from row in rows
                          from sector in AllSectors
                          let pcode = (string)row!["pcode"]!
                          let cell = row["cells"]![sector]!
                          let expected = scenario.Expected(pcode, sector)
                          where (int)cell["count"]! != expected.Count || (string?)cell["finest_level"] != CoverageScenario.LevelName(expected.Finest)
                                || (string?)cell["class"] != expected.Class
                          select $"{pcode} {sector}: got {cell["count"]} {cell["finest_level"]} {cell["class"]}, expected {expected.Count} {expected.Class}").ToList();
        Assert.Empty(mismatches);

        // Mon WASH: A (state) and B (township MMR011001) are the public records; the township-level share counts each once.
        var mon = grid["state_subtotals"]!.AsArray().Single(s => (string)s!["state_pcode"]! == "MMR011")!;
        var expectedMon = scenario.Datasets.Count(d => d.VisibleToPublic && d.Sectors.Contains("wash")
            && d.Links.Any(l => scenario.Units.Values.Where(u => u.Level == 3 && u.Pcode.StartsWith("MMR011", StringComparison.Ordinal))
                .Any(t => scenario.SelfAndAncestors(t.Pcode).Contains(l.Pcode) || scenario.SelfAndAncestors(l.Pcode).Contains(t.Pcode))));
        Assert.Equal(2, expectedMon);
        Assert.Equal(expectedMon, (int)mon["cells"]!["wash"]!["count"]!);
    }

    [Fact]
    public async Task Csv_downloads_start_with_the_byte_order_mark_and_keep_Myanmar_names()
    {
        var scenario = await CoverageScenario.EnsureAsync(fixture.App);
        var nameMy = scenario.Units["MMR011001"].NameMy!;
        Assert.Contains(nameMy, BoundaryData.Read("townships.geojson").Select(f => f.Property("ts_name_my")));

        foreach (var url in new[] { "/api/coverage?level=township&f=csv", "/api/gaps?level=township&sector=justice&f=csv", "/api/coverage/grid?f=csv" })
        {
            var response = await fixture.Client.GetAsync(url);
            response.EnsureSuccessStatusCode();
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
            var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
            Assert.Contains(nameMy, text);
            Assert.StartsWith("attachment;", response.Content.Headers.ContentDisposition?.ToString());
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        }
        var grid = Encoding.UTF8.GetString(await fixture.Client.GetByteArrayAsync("/api/coverage/grid?f=csv&sector=wash"));
        Assert.StartsWith("\uFEFFrow,pcode,name_en,name_my,state_pcode,wash_count,wash_finest_level,wash_reason\r\n", grid);
    }

    [Fact]
    public async Task GeoJson_is_lon_lat_with_counter_clockwise_exterior_rings_and_no_crs()
    {
        await CoverageScenario.EnsureAsync(fixture.App);

        var body = await GetJson("/api/coverage?level=township&geometry=simplified&state=MMR011");

        Assert.Null(body["crs"]);
        foreach (var feature in Features(body).Take(5))
        {
            var polygons = (string)feature["geometry"]!["type"]! == "Polygon"
                ? [feature["geometry"]!["coordinates"]!.AsArray()]
                : feature["geometry"]!["coordinates"]!.AsArray().Select(p => p!.AsArray()).ToList();
            var ring = polygons[0][0]!.AsArray().Select(c => ((double)c![0]!, (double)c[1]!)).ToList();
            Assert.InRange(ring[0].Item1, 95.7, 101.2); // longitude first
            Assert.InRange(ring[0].Item2, 9.0, 21.5);
            var signedArea = ring.Zip(ring.Skip(1), (a, b) => a.Item1 * b.Item2 - b.Item1 * a.Item2).Sum() / 2;
            Assert.True(signedArea > 0, $"{feature["id"]}: exterior ring is clockwise");
        }
    }

    [Fact]
    public async Task A_download_is_an_attachment_named_after_the_filters_and_the_day()
    {
        await CoverageScenario.EnsureAsync(fixture.App);
        // 18:00 UTC on the 23rd is 00:30 on the 24th in Myanmar: files are dated in Myanmar time.
        await using var app = fixture.App.At(new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero));
        var client = app.CreateClient();

        var coverage = await client.GetAsync("/api/coverage?level=township&sector=wash&geometry=none&download=1");
        var gaps = await client.GetAsync("/api/gaps?level=village-tract&sector=wash&level_min=village-tract&f=csv");
        var grid = await client.GetAsync("/api/coverage/grid?state=MMR011&download=1");

        Assert.Equal("attachment; filename=\"segeo-coverage-township-sector-wash-2026-11-24.geojson\"", coverage.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal("application/geo+json", coverage.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment; filename=\"segeo-gaps-village-tract-sector-wash-level-min-village-tract-2026-11-24.csv\"", gaps.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal("attachment; filename=\"segeo-grid-township-state-mmr011-2026-11-24.json\"", grid.Content.Headers.ContentDisposition?.ToString());
        var plain = await fixture.Client.GetAsync("/api/coverage?level=township&geometry=none");
        Assert.Null(plain.Content.Headers.ContentDisposition);
    }

    [Fact]
    public async Task Bad_parameters_name_the_field_and_the_fix()
    {
        var response = await fixture.Client.GetAsync("/api/coverage?level=ward&level_min=street&sector=fishing&from=2016-13-01&geometry=round");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Contains("village-tract", (string)errors["level"]![0]!);
        Assert.Contains("household", (string)errors["level_min"]![0]!);
        Assert.Contains("wash", (string)errors["sector"]![0]!);
        Assert.Contains("YYYY-MM-DD", (string)errors["from"]![0]!);
        Assert.Contains("simplified", (string)errors["geometry"]![0]!);
        var unknownState = await fixture.Client.GetAsync("/api/gaps?state=MMR099");
        Assert.Equal(HttpStatusCode.NotFound, unknownState.StatusCode);
    }

    async Task<JsonNode> GetJson(string url)
    {
        var response = await fixture.Client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    static List<JsonNode> Features(JsonNode body) => body["features"]!.AsArray().Select(f => f!).ToList();
}
