using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SeGeoCatalogue.BrowserTests.Infrastructure;
using SeGeoCatalogue.BrowserTests.Pages;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.BrowserTests.Web;

/// <summary>Names on the coverage map at useful zooms, the selected unit named, and the summary beside the map.</summary>
public sealed class MapContextTests(CoverageData data) : IClassFixture<CoverageData>
{
    readonly WebAppFixture _app = data.App;

    [Fact]
    public Task The_map_names_the_states_then_the_townships_when_zoomed_in() => _app.RunAsync(async page =>
    {
        var map = new CoveragePage(page);
        await map.OpenAsync("?level=township");
        await Assertions.Expect(map.Map.Root).ToHaveAttributeAsync("data-labels", "state:7");
        await Assertions.Expect(page.Locator(".unit-label.state").Filter(new() { HasText = "Kayin" })).ToHaveCountAsync(1);

        var hpaAn = BoundaryData.Read("townships.geojson").Single(f => f.Property("ts_pcode") == "MMR003001").Geometry.EnvelopeInternal;
        await map.Map.FitAsync(hpaAn.MinX, hpaAn.MinY, hpaAn.MaxX, hpaAn.MaxY);

        await Assertions.Expect(map.Map.Root).ToHaveAttributeAsync("data-labels", new Regex("^township:"));
        await Assertions.Expect(page.Locator(".unit-label.township").Filter(new() { HasText = "Hpa-An" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".unit-label.state")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Zoomed_in_on_village_tracts_the_map_names_them_and_the_selected_one_stands_out() => _app.RunAsync(async page =>
    {
        var tracts = BoundaryData.Read("village_tracts.geojson");
        // The village-tract layer is village tracts and the wards of towns.
        var names = tracts.Select(f => f.Property("vt_name_en")).Concat(BoundaryData.Read("wards.geojson").Select(f => f.Property("ward_name_en"))).ToHashSet();
        var chosen = tracts.Single(f => f.Property("vt_pcode") == "MMR003001001");
        var centre = chosen.Geometry.InteriorPoint;
        var map = new CoveragePage(page);
        await map.OpenAsync("?level=village-tract&focus=MMR003001001");
        await map.Map.Root.EvaluateAsync("(el, [lat, lon]) => { el.leafletMap.setView([lat, lon], 12, { animate: false }); }", new[] { centre.Y, centre.X });

        await Assertions.Expect(map.Map.Root).ToHaveAttributeAsync("data-labels", new Regex("^village-tract:"));
        await Assertions.Expect(page.Locator(".unit-label.selected")).ToHaveTextAsync("Kawt Ta Yoke Ya");
        var shown = await page.Locator(".unit-label.village-tract:not(.selected)").AllInnerTextsAsync();
        Assert.True(shown.Count >= 3, $"only {shown.Count} village-tract labels");
        var strangers = shown.Where(n => !names.Contains(n)).ToList();
        Assert.True(strangers.Count == 0, "labels that name no village tract or ward: " + string.Join(", ", strangers));
    });

    [Fact]
    public Task The_summary_beside_the_map_counts_units_with_data_and_without_per_state() => _app.RunAsync(async page =>
    {
        // Hand-derived: Hpa-An (Kayin) and Mawlamyine (Mon) have data collected in them; every other township none.
        var perState = BoundaryData.Read("townships.geojson").GroupBy(f => f.Property("st_pcode")).ToDictionary(g => g.Key, g => g.Count());
        var expected = perState.ToDictionary(s => s.Key, s => s.Key is "MMR003" or "MMR011" ? new[] { 1, 0, s.Value - 1 } : new[] { 0, 0, s.Value });
        var total = perState.Values.Sum();

        var map = new CoveragePage(page);
        await map.OpenAsync("?level=township");

        var summary = page.Locator("#summary");
        await Assertions.Expect(summary).ToContainTextAsync($"Of {total} townships: 2 with data collected in them, 0 only with data about a wider area, {total - 2} with no data.");
        var drawn = JsonSerializer.Deserialize<Dictionary<string, int[]>>((await summary.GetAttributeAsync("data-summary"))!)!;
        Assert.Equal(expected.OrderBy(e => e.Key).Select(e => (e.Key, string.Join(",", e.Value))), drawn.OrderBy(e => e.Key).Select(e => (e.Key, string.Join(",", e.Value))));
        await Assertions.Expect(summary.Locator("li[data-state=MMR003] .summary-counts")).ToHaveTextAsync($"1 with data, 0 only wider-area data, {perState["MMR003"] - 1} no data");
        // The bar: Kayin's data part as wide as its share of Kayin's townships.
        var share = await summary.Locator("li[data-state=MMR003]").EvaluateAsync<double>(
            "li => li.querySelector('.summary-data').getBoundingClientRect().width / li.querySelector('.summary-bar').clientWidth");
        Assert.InRange(share, 1.0 / perState["MMR003"] - 0.02, 1.0 / perState["MMR003"] + 0.02);

        await map.ToggleSectorAsync("7 WASH");
        await Assertions.Expect(summary).ToContainTextAsync($"Of {total} townships: 1 with data collected in them");
    });
}
