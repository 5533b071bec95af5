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
        var vt = BoundaryData.Read("village_tracts.geojson").Where(f => f.Property("vt_pcode").StartsWith("MMR003001", StringComparison.Ordinal))
            .OrderBy(f => f.Property("vt_pcode")).First();
        var vtPcode = vt.Property("vt_pcode");
        var edit = new EditPage(page);
        await edit.OpenAsync();

        await edit.PickFromListsAsync("MMR003", "MMR003001", vtPcode);

        var row = page.Locator($"#picked li[data-pcode=\"{vtPcode}\"]");
        await Assertions.Expect(row).ToContainTextAsync(vt.Property("vt_name_en"));
        await Assertions.Expect(row.Locator("[lang=my]")).ToHaveTextAsync(vt.Property("vt_name_my"));
        // The Myanmar glyphs come from the web font shipped with the page, not from whatever the system has.
        // document.fonts.check is true for a font nobody declared: look for the shipped face itself, loaded.
        Assert.True(await page.EvaluateAsync<bool>("""
            async () => { await document.fonts.ready;
              return [...document.fonts].some(f => f.family.replace(/["']/g, '') === 'Noto Sans Myanmar' && f.status === 'loaded'); }
            """));
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

    [Fact]
    public Task An_uploaded_GeoJSON_footprint_is_drawn_for_editing_and_previewed() => app.RunAsync(async page =>
    {
        // A small square around Mawlamyine town: every village tract it covers by 50 % or more must be listed.
        var square = new Polygon(new LinearRing([new(97.60, 16.46), new(97.66, 16.46), new(97.66, 16.52), new(97.60, 16.52), new(97.60, 16.46)]));
        var utm = new UtmArea();
        var mostlyInside = BoundaryData.Read("village_tracts.geojson").Where(f => f.Geometry.Intersects(square))
            .Where(f => utm.SquareKilometres(f.Geometry.Intersection(square)) / utm.SquareKilometres(f.Geometry) >= 0.5)
            .Select(f => f.Property("vt_pcode")).ToHashSet();
        Assert.NotEmpty(mostlyInside);
        var file = Path.Combine(Path.GetTempPath(), $"footprint-{Guid.NewGuid():N}.geojson");
        await File.WriteAllTextAsync(file, """
            {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[97.60,16.46],[97.66,16.46],[97.66,16.52],[97.60,16.52],[97.60,16.46]]]}}
            """);
        // Reading a file is work for signed-in members (issue 10): the curator is one.
        await new SignInPage(page).SignInAsync(WebAppFixture.CuratorEmail, WebAppFixture.Password, "edit.html");
        var edit = new EditPage(page);
        await edit.OpenAsync();

        await page.GetByLabel("Upload a footprint").SetInputFilesAsync(file);

        await Assertions.Expect(page.Locator("#upload-status")).ToContainTextAsync("5 vertices");
        await Assertions.Expect(edit.Preview.First).ToBeVisibleAsync();
        var previewed = (await edit.Preview.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.pcode)")).ToHashSet();
        Assert.Superset(mostlyInside, previewed);
        // The uploaded shape is a geoman layer: the edit tool can move its vertices.
        Assert.Equal(1, await page.EvaluateAsync<int>("() => document.querySelector('#map').leafletMap.pm.getGeomanLayers().length"));
        File.Delete(file);
    });
}
