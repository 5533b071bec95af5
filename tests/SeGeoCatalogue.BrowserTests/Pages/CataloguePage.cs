using Microsoft.Playwright;

namespace SeGeoCatalogue.BrowserTests.Pages;

/// <summary>index.html: search box, facets, results and the results map.</summary>
public sealed class CataloguePage(IPage page)
{
    public MapElement Map { get; } = new(page);
    public ILocator Results => page.Locator("#results li[data-id] h3");

    public async Task OpenAsync()
    {
        await page.GotoAsync("/index.html");
        await WaitAsync();
    }

    /// <summary>Waits until the page has the answer to the latest search.</summary>
    public Task WaitAsync() => Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-state", "ready");

    public async Task SearchAsync(string text)
    {
        await page.GetByLabel("Search titles, summaries, indicators and sources").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await WaitAsync();
    }

    public ILocator Facet(string group, string label) =>
        page.Locator("fieldset.facet").Filter(new() { Has = page.Locator("legend", new() { HasText = group }) })
            .Locator("label").Filter(new() { HasText = label });

    public async Task ToggleFacetAsync(string group, string label)
    {
        await Facet(group, label).ClickAsync();
        await WaitAsync();
    }

    public async Task<string[]> ResultTitlesAsync() => (await Results.AllInnerTextsAsync()).Select(t => t.Trim()).Order().ToArray();

    public async Task SearchMapAreaAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Search this map area" }).ClickAsync();
        await WaitAsync();
    }

    public Task OpenResultAsync(string title) => page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
}
