using System.Text.Json;
using Microsoft.Playwright;
using SeGeoCatalogue.BrowserTests.Infrastructure;
using SeGeoCatalogue.BrowserTests.Pages;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.BrowserTests.Web;

/// <summary>The demo catalogue, as a planner first sees it.</summary>
public sealed class DemoCatalogueData : IAsyncLifetime
{
    public WebAppFixture App { get; } = new();

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        await DemoCatalogue.SeedAsync(App.App.DataSource);
    }

    public Task DisposeAsync() => App.DisposeAsync();
}

public sealed class CoverageClassTests(DemoCatalogueData data) : IClassFixture<DemoCatalogueData>
{
    readonly WebAppFixture _app = data.App;

    [Fact]
    public Task A_sector_map_draws_more_than_one_class_with_a_legend_that_counts_them() => _app.RunAsync(async page =>
    {
        var map = new CoveragePage(page);
        await map.OpenAsync("?sector=food-security");

        var classes = JsonSerializer.Deserialize<Dictionary<string, int>>((await map.Map.Root.GetAttributeAsync("data-classes"))!)!;
        Assert.True(classes.Count(c => c.Value > 0) >= 2, string.Join(", ", classes));
        Assert.Equal(BoundaryData.Read("townships.geojson").Count, classes.Values.Sum());
        foreach (var (key, count) in classes)
            await Assertions.Expect(page.Locator($".legend [data-legend={key}]")).ToContainTextAsync($"({count})");
    });

    [Fact]
    public Task The_landing_map_without_a_sector_draws_more_than_one_class_and_its_gap_legend_has_a_swatch_for_data() => _app.RunAsync(async page =>
    {
        var map = new CoveragePage(page);
        await map.OpenAsync();

        var classes = JsonSerializer.Deserialize<Dictionary<string, int>>((await map.Map.Root.GetAttributeAsync("data-classes"))!)!;
        Assert.True(classes.Count(c => c.Value > 0) >= 2, string.Join(", ", classes));
        // What is drawn, not only what is counted: fills of more than one colour on the map.
        var fills = (await map.Map.FillsAsync()).Values.Distinct().ToList();
        Assert.True(fills.Count >= 2, string.Join(", ", fills));

        await map.ShowGapsAsync();
        await Assertions.Expect(page.Locator(".legend [data-legend=data] .legend-swatch")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".legend [data-legend=data]")).ToContainTextAsync("has data");
    });

    [Fact]
    public Task The_landing_map_counted_by_datasets_uses_breaks_that_do_not_saturate() => _app.RunAsync(async page =>
    {
        var map = new CoveragePage(page);
        await map.OpenAsync("?view=count");

        // Every township has data on the demo catalogue; the breaks come from this answer, so several classes show.
        var shown = await page.Locator(".legend [data-legend^=count-]").AllInnerTextsAsync();
        var used = shown.Count(t => !t.EndsWith("(0)", StringComparison.Ordinal));
        Assert.True(used >= 3, string.Join(" | ", shown));
    });

    [Fact]
    public Task In_gap_mode_the_legend_has_a_swatch_for_units_with_data_and_hover_says_the_class_in_words() => _app.RunAsync(async page =>
    {
        var townships = BoundaryData.Read("townships.geojson");
        var map = new CoveragePage(page);
        await map.OpenAsync("?level=township&sector=food-security&level_min=township");

        await map.ShowGapsAsync();
        await Assertions.Expect(page.Locator(".legend [data-legend=data] .legend-swatch")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".legend [data-legend=gap]")).ToContainTextAsync($"({await map.DataAsync("gaps")})");

        // Hpa-An: the WFP food-security survey is a sample of whole states, so no data was collected in the township.
        var hpaAn = townships.Single(f => f.Property("ts_pcode") == "MMR003001").Geometry;
        await page.GetByLabel("Highlight units without data").UncheckAsync();
        await page.GetByLabel("Count only data at or finer than").SelectOptionAsync("");
        await map.WaitAsync();
        await map.Map.FitAsync(hpaAn.EnvelopeInternal.MinX, hpaAn.EnvelopeInternal.MinY, hpaAn.EnvelopeInternal.MaxX, hpaAn.EnvelopeInternal.MaxY);
        await map.HoverAsync(hpaAn.InteriorPoint.X, hpaAn.InteriorPoint.Y);
        await Assertions.Expect(map.Info).ToContainTextAsync("No data collected in this township");
        await Assertions.Expect(map.Info).ToContainTextAsync("only about a wider area");
    });

    [Fact]
    public Task Units_whose_freshest_data_is_overdue_are_faded_counted_in_the_legend_and_hover_says_how_fresh() => _app.RunAsync(async page =>
    {
        var map = new CoveragePage(page);
        await map.OpenAsync("?level=township&sector=food-security");

        // What the API says of each township (its correctness is FreshnessTests'); the page must show the same.
        var api = JsonDocument.Parse(await page.EvaluateAsync<string>(
            "async () => JSON.stringify(await (await fetch('/api/coverage?level=township&sector=food-security&geometry=none')).json())"));
        var freshness = api.RootElement.GetProperty("features").EnumerateArray().ToDictionary(
            f => f.GetProperty("id").GetString()!, f => f.GetProperty("properties").GetProperty("freshness").GetString());
        var stale = freshness.Count(f => f.Value is "overdue" or "delinquent");
        Assert.True(stale > 0, "the demo's food-security surveys are years old");
        await Assertions.Expect(page.Locator(".legend [data-legend=stale]")).ToContainTextAsync($"({stale})");

        var hpaAn = BoundaryData.Read("townships.geojson").Single(f => f.Property("ts_pcode") == "MMR003001").Geometry;
        await map.Map.FitAsync(hpaAn.EnvelopeInternal.MinX, hpaAn.EnvelopeInternal.MinY, hpaAn.EnvelopeInternal.MaxX, hpaAn.EnvelopeInternal.MaxY);
        await map.HoverAsync(hpaAn.InteriorPoint.X, hpaAn.InteriorPoint.Y);
        var words = freshness["MMR003001"] switch
        {
            "fresh" => "fresh", "due" => "due for an update", "overdue" => "overdue for an update", "delinquent" => "long overdue",
            _ => "of unknown date",
        };
        await Assertions.Expect(map.Info).ToContainTextAsync($"Freshest data here: {words}.");
    });
}
