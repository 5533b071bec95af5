using Microsoft.Playwright;
using SeGeoCatalogue.BrowserTests.Infrastructure;
using SeGeoCatalogue.BrowserTests.Pages;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.BrowserTests.Web;

public sealed class MapPagesTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    static readonly string[] Pages = ["index.html", "dataset.html", "edit.html", "coverage.html", "grid.html", "sign-in.html", "review.html", "admin.html", "inventory.html"];

    [Fact]
    public Task The_catalogue_map_draws_every_township_as_a_vector_layer_with_no_internet() => app.RunAsync(async page =>
    {
        var expected = BoundaryData.Read("townships.geojson").Count;

        await page.GotoAsync("/index.html");
        var map = new MapElement(page);

        Assert.Equal(expected, await map.WaitForBoundariesAsync());
        Assert.Contains("Source: MIMU", await map.AttributionAsync());
        // The tiles could not load (the fixture is offline), yet the township outlines are painted on the canvas.
        var painted = await map.Root.Locator(".boundaries-pane canvas").EvaluateAsync<int>(
            "c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }");
        Assert.True(painted > 1000, $"only {painted} pixels of boundary outline were painted");
    });

    [Fact]
    public Task Every_page_has_the_header_navigation_and_runs_under_the_strict_content_security_policy() => app.RunAsync(async page =>
    {
        foreach (var name in Pages)
        {
            var response = await page.GotoAsync($"/{name}");
            Assert.Equal(200, response!.Status);
            var policy = await response.HeaderValueAsync("content-security-policy") ?? "";
            Assert.Contains("script-src 'self';", policy);
            Assert.Contains("style-src 'self';", policy);
            var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
            await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Catalogue" })).ToBeVisibleAsync();
            await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Coverage map" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
        // RunAsync fails the test on any script error or Content-Security-Policy refusal logged meanwhile.
    });

    [Fact]
    public Task At_phone_width_the_catalogue_fits_the_screen_and_keeps_its_map() => app.RunAsync(async page =>
    {
        await page.GotoAsync("/index.html");
        await new MapElement(page).WaitForBoundariesAsync();

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the phone");
        var box = (await page.Locator("#map").BoundingBoxAsync())!;
        Assert.True(box.Width >= 330 && box.Height >= 280, $"the map is only {box.Width}x{box.Height}");
        await Assertions.Expect(page.GetByLabel("Search titles, summaries, indicators and sources")).ToBeVisibleAsync();
    }, new ViewportSize { Width = 375, Height = 740 });
}
