using System.Globalization;
using Microsoft.Playwright;

namespace SeGeoCatalogue.BrowserTests.Pages;

/// <summary>coverage.html: filters, the choropleth, the gap toggle and the list of a clicked unit's datasets.</summary>
public sealed class CoveragePage(IPage page)
{
    public MapElement Map { get; } = new(page);
    public ILocator Info => page.Locator(".unit-info");
    public ILocator UnitDatasets => page.Locator("#unit-datasets");
    public ILocator GapSummary => page.Locator("#gap-summary");

    public async Task OpenAsync(string query = "")
    {
        await page.GotoAsync($"/coverage.html{query}");
        await WaitAsync();
    }

    /// <summary>Waits until the map shows the answer to the latest choice.</summary>
    public async Task WaitAsync()
    {
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-state", "ready");
        await Assertions.Expect(Map.Root).ToHaveAttributeAsync("data-units", new System.Text.RegularExpressions.Regex(@"^\d+$"));
        // The polygons are vector tiles: every tile in view has been drawn.
        await Assertions.Expect(Map.Root).ToHaveAttributeAsync("data-tiles", "loaded");
    }

    public async Task ChooseLevelAsync(string level)
    {
        await page.GetByLabel("Map units").SelectOptionAsync(level);
        await Assertions.Expect(Map.Root).ToHaveAttributeAsync("data-level", level);
        await WaitAsync();
    }

    public async Task ToggleSectorAsync(string label)
    {
        await page.GetByLabel(label, new() { Exact = true }).ClickAsync();
        await WaitAsync();
    }

    public async Task ShowGapsAsync()
    {
        await page.GetByLabel("Highlight units without data").CheckAsync();
        await Assertions.Expect(Map.Root).ToHaveAttributeAsync("data-gaps", new System.Text.RegularExpressions.Regex(@"^\d+$"));
        await WaitAsync();
    }

    public async Task<int> DataAsync(string name) => int.Parse((await Map.Root.GetAttributeAsync($"data-{name}"))!, CultureInfo.InvariantCulture);

    public async Task HoverAsync(double lon, double lat)
    {
        // The tiles of the view as it is now (after a zoom) must be drawn before a pointer can meet a unit.
        await Assertions.Expect(Map.Root).ToHaveAttributeAsync("data-tiles", "loaded");
        var (x, y) = await Map.PixelAsync(lon, lat);
        await Map.Root.HoverAsync(new() { Position = new() { X = x, Y = y } });
    }
}
