using Microsoft.Playwright;

namespace SeGeoCatalogue.BrowserTests.Pages;

/// <summary>edit.html: the dataset form, the drawing map and the unit pickers.</summary>
public sealed class EditPage(IPage page)
{
    public MapElement Map { get; } = new(page);
    public ILocator Picked => page.Locator("#picked li[data-pcode]");
    public ILocator Preview => page.Locator("#preview li[data-pcode]");

    public async Task OpenAsync(string? id = null)
    {
        await page.GotoAsync(id is null ? "/edit.html" : $"/edit.html?id={id}");
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");
        await Map.WaitForBoundariesAsync();
    }

    /// <summary>Picks a unit through the state → township → village tract lists, as a keyboard user would.</summary>
    public async Task PickFromListsAsync(string statePcode, string townshipPcode, string? villageTractPcode = null)
    {
        await page.GetByLabel("State/region", new() { Exact = true }).SelectOptionAsync(statePcode);
        await page.GetByLabel("Township", new() { Exact = true }).SelectOptionAsync(townshipPcode);
        if (villageTractPcode is not null)
            await page.GetByLabel("Village tract", new() { Exact = true }).SelectOptionAsync(villageTractPcode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the chosen unit" }).ClickAsync();
    }

    public async Task PickByClickingAsync(string level, double lon, double lat)
    {
        await page.GetByLabel("Clicking the map picks the unit there").CheckAsync();
        await page.GetByLabel("Level picked by clicking the map").SelectOptionAsync(level);
        await Map.ClickAtAsync(lon, lat);
    }

    public async Task SearchAndAddAsync(string text, string name)
    {
        await page.GetByLabel("Or search by name or pcode").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Add {name}", Exact = true }).ClickAsync();
    }

    /// <summary>Draws a polygon with geoman's polygon tool through the given lon/lat corners.</summary>
    public async Task DrawPolygonAsync(params (double Lon, double Lat)[] corners)
    {
        await page.Locator(".leaflet-pm-icon-polygon").ClickAsync();
        foreach (var (lon, lat) in corners) await Map.ClickAtAsync(lon, lat);
        await Map.ClickAtAsync(corners[0].Lon, corners[0].Lat); // closing on the first corner finishes the shape
    }

    public Task FillAsync(string label, string value) => page.GetByLabel(label, new() { Exact = true }).FillAsync(value);

    public Task CheckAsync(string label) => page.GetByLabel(label, new() { Exact = true }).CheckAsync();

    public Task SelectAsync(string label, string value) => page.GetByLabel(label, new() { Exact = true }).SelectOptionAsync(value);

    public Task SaveAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

    public ILocator ErrorFor(string field) => page.Locator($"[data-field=\"{field}\"] .field-error");
}
