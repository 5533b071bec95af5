using Microsoft.Playwright;
using SeGeoCatalogue.BrowserTests.Infrastructure;
using SeGeoCatalogue.BrowserTests.Pages;

namespace SeGeoCatalogue.BrowserTests.Web;

/// <summary>One published record whose title is markup.</summary>
public sealed class HtmlTitleData : IAsyncLifetime
{
    public const string Title = "<img src=x id=pwn><b id=bold>Rainfall</b>";
    public WebAppFixture App { get; } = new();

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        await using var seed = await Seed.AsCuratorAsync(App);
        var holder = await seed.OrganisationAsync("Markup holder", "MH");
        await seed.PublishedDatasetAsync(Seed.Record(Title, holder, ["wash"], "township", "MMR003001"));
    }

    public Task DisposeAsync() => App.DisposeAsync();
}

public sealed class HtmlTitleTests(HtmlTitleData data) : IClassFixture<HtmlTitleData>
{
    [Fact]
    public Task A_title_with_markup_shows_as_text_in_the_map_tooltips_and_creates_no_element() => data.App.RunAsync(async page =>
    {
        var catalogue = new CataloguePage(page);
        await catalogue.OpenAsync();
        Assert.Equal([HtmlTitleData.Title], await catalogue.ResultTitlesAsync());

        // Open every tooltip the results map has (the record's extent and its centre marker), as hovering would.
        var opened = await catalogue.Map.Root.EvaluateAsync<int>("""
            el => { let n = 0; el.leafletMap.eachLayer(l => { if (l.getTooltip && l.getTooltip()) { l.openTooltip(l.getTooltip().getLatLng?.() ?? undefined); n++; } }); return n; }
            """);
        Assert.True(opened >= 1, "the results map has no tooltip to open");

        var tooltips = page.Locator(".leaflet-tooltip");
        await Assertions.Expect(tooltips.First).ToContainTextAsync(HtmlTitleData.Title);
        Assert.Equal(0, await page.Locator(".leaflet-tooltip img, .leaflet-tooltip b").CountAsync());
        Assert.Equal(0, await page.Locator("#pwn, #bold").CountAsync());
    });
}
