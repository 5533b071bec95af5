using Microsoft.Playwright;
using SeGeoCatalogue.BrowserTests.Infrastructure;
using SeGeoCatalogue.BrowserTests.Pages;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.BrowserTests.Web;

/// <summary>An empty catalogue where a curator said why two townships have no justice data.</summary>
public sealed class GapReasonData : IAsyncLifetime
{
    public WebAppFixture App { get; } = new();
    public const string Hpapun = "MMR003003", Shadaw = "MMR002004";

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        await using var curator = await Seed.AsCuratorAsync(App);
        await curator.SendAsync("POST", "/api/gap-marks", new { pcode = Hpapun, sector = "justice", reason = "inaccessible", comment = "No access since 2024: checkpoints", observed_on = "2026-11-30" });
        await curator.SendAsync("POST", "/api/gap-marks", new { pcode = Shadaw, sector = "justice", reason = "not-applicable", comment = "No court in the township" });
    }

    public Task DisposeAsync() => App.DisposeAsync();
}

public sealed class GapReasonMapTests(GapReasonData data) : IClassFixture<GapReasonData>
{
    readonly WebAppFixture _app = data.App;

    [Fact]
    public Task Marked_units_have_their_own_swatch_and_counts_apart_from_no_data_and_hover_says_who_said_why() => _app.RunAsync(async page =>
    {
        var townships = BoundaryData.Read("townships.geojson");
        var map = new CoveragePage(page);
        await map.OpenAsync("?level=township&sector=justice");

        await Assertions.Expect(page.Locator(".legend [data-legend=inaccessible]")).ToContainTextAsync("(1)");
        await Assertions.Expect(page.Locator(".legend [data-legend=not-applicable]")).ToContainTextAsync("(1)");
        await Assertions.Expect(page.Locator(".legend [data-legend=none]")).ToContainTextAsync($"({townships.Count - 2})");
        var fills = await map.Map.FillsAsync();
        Assert.Equal(townships.Count, fills.Count);
        Assert.Equal([GapReasonData.Hpapun], fills.Where(f => f.Value == "#8c510a").Select(f => f.Key));
        Assert.Equal([GapReasonData.Shadaw], fills.Where(f => f.Value == "#c2a5cf").Select(f => f.Key));
        // The legend's swatch is the colour drawn.
        Assert.Equal("rgb(140, 81, 10)", await page.Locator(".legend [data-legend=inaccessible] .legend-swatch").EvaluateAsync<string>("s => s.style.backgroundColor"));

        var hpapun = townships.Single(f => f.Property("ts_pcode") == GapReasonData.Hpapun).Geometry;
        await map.Map.FitAsync(hpapun.EnvelopeInternal.MinX, hpapun.EnvelopeInternal.MinY, hpapun.EnvelopeInternal.MaxX, hpapun.EnvelopeInternal.MaxY);
        await map.HoverAsync(hpapun.InteriorPoint.X, hpapun.InteriorPoint.Y);
        await Assertions.Expect(map.Info).ToContainTextAsync("Inaccessible / not assessed for 14 Justice");
        await Assertions.Expect(map.Info).ToContainTextAsync("“No access since 2024: checkpoints”");
        await Assertions.Expect(map.Info).ToContainTextAsync("2026-11-30");
        await Assertions.Expect(map.Info).ToContainTextAsync("curator");
        await Assertions.Expect(map.Info).Not.ToContainTextAsync("@");

        // Gap mode: the marked units are not counted as gaps and keep their swatch.
        await map.ShowGapsAsync();
        await Assertions.Expect(page.Locator(".legend [data-legend=gap]")).ToContainTextAsync($"({townships.Count - 2})");
        await Assertions.Expect(page.Locator(".legend [data-legend=inaccessible] .legend-swatch")).ToBeVisibleAsync();
        await Assertions.Expect(map.GapSummary).ToContainTextAsync("1 marked not applicable, 1 marked inaccessible");
    });
}
