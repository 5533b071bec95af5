using Microsoft.Playwright;
using NetTopologySuite.Geometries;
using SeGeoCatalogue.BrowserTests.Infrastructure;
using SeGeoCatalogue.BrowserTests.Pages;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.BrowserTests.Web;

public sealed class UnitPickingTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public Task A_village_tract_picked_from_the_state_township_and_village_tract_lists_is_listed_with_its_Myanmar_name() => app.RunAsync(async page =>
    {
        var vt = BoundaryData.Read("village_tracts.geojson").Where(f => f.Property("vt_pcode").StartsWith("MMR003001"))
            .OrderBy(f => f.Property("vt_pcode")).First();
        var vtPcode = vt.Property("vt_pcode");
        var edit = new EditPage(page);
        await edit.OpenAsync();

        await edit.PickFromListsAsync("MMR003", "MMR003001", vtPcode);

        var row = page.Locator($"#picked li[data-pcode=\"{vtPcode}\"]");
        await Assertions.Expect(row).ToContainTextAsync(vt.Property("vt_name_en"));
        await Assertions.Expect(row.Locator("[lang=my]")).ToHaveTextAsync(vt.Property("vt_name_my"));
        // The Myanmar glyphs come from the web font shipped with the page, not from whatever the system has.
        Assert.True(await page.EvaluateAsync<bool>("() => document.fonts.check('16px \"Noto Sans Myanmar\"', 'မြန်မာ')"));
        await Assertions.Expect(edit.Picked).ToHaveCountAsync(1);
    });

    [Fact]
    public Task Clicking_the_map_picks_the_township_under_the_pointer_and_clicking_again_removes_it() => app.RunAsync(async page =>
    {
        const double lon = 97.6275, lat = 16.4905; // Mawlamyine town centre
        var township = BoundaryData.Read("townships.geojson").Single(f => f.Geometry.Contains(new Point(lon, lat)));
        var edit = new EditPage(page);
        await edit.OpenAsync();
        await edit.Map.FitAsync(97.4, 16.3, 97.9, 16.7);

        await edit.PickByClickingAsync("township", lon, lat);

        await Assertions.Expect(edit.Picked).ToHaveCountAsync(1);
        Assert.Equal(township.Property("ts_pcode"), await edit.Picked.First.GetAttributeAsync("data-pcode"));
        await edit.Map.ClickAtAsync(lon, lat);
        await Assertions.Expect(edit.Picked).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Searching_units_by_name_offers_them_to_add() => app.RunAsync(async page =>
    {
        var edit = new EditPage(page);
        await edit.OpenAsync();

        await edit.SearchAndAddAsync("Hpa-An", "Hpa-An township");

        await Assertions.Expect(page.Locator("#picked li[data-pcode=\"MMR003001\"]")).ToBeVisibleAsync();
    });
}
