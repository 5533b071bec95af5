using System.Globalization;
using Microsoft.Playwright;

namespace SeGeoCatalogue.BrowserTests.Pages;

/// <summary>dataset.html: the fields, the coverage map and list, the history.</summary>
public sealed class DatasetPage(IPage page)
{
    public MapElement Map { get; } = new(page);
    public ILocator Title => page.Locator("#title");
    public ILocator Units => page.Locator("#units li");

    public ILocator FieldValue(string name) => page.Locator("#fields dt").Filter(new() { HasText = name }).Locator("xpath=following-sibling::dd[1]");

    /// <summary>Waits until the coverage is on the map; returns the number of linked units drawn.</summary>
    public async Task<int> WaitForCoverageAsync()
    {
        await Assertions.Expect(Map.Root).ToHaveAttributeAsync("data-units", new System.Text.RegularExpressions.Regex(@"^\d+$"));
        return int.Parse((await Map.Root.GetAttributeAsync("data-units"))!, CultureInfo.InvariantCulture);
    }
}
