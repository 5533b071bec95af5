using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SeGeoCatalogue.BrowserTests.Infrastructure;
using SeGeoCatalogue.BrowserTests.Pages;

namespace SeGeoCatalogue.BrowserTests.Web;

/// <summary>Two published records (WASH in Hpa-An, food security in Mawlamyine); the id of the first.</summary>
public sealed class UsabilityData : IAsyncLifetime
{
    public WebAppFixture App { get; } = new();
    public int WashId { get; private set; }

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        await using var seed = await Seed.AsCuratorAsync(App);
        var holder = await seed.OrganisationAsync("World Food Programme", "WFP");
        WashId = await seed.PublishedDatasetAsync(Seed.Record(CoverageData.Wash, holder, ["wash"], "township", "MMR003001"));
        await seed.PublishedDatasetAsync(Seed.Record(CoverageData.Food, holder, ["food-security"], "township", "MMR011001"));
    }

    public Task DisposeAsync() => App.DisposeAsync();
}

/// <summary>Phones, keyboards, work in progress and share links.</summary>
public sealed class UsabilityTests(UsabilityData data) : IClassFixture<UsabilityData>
{
    readonly WebAppFixture _app = data.App;
    static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>Lets a request through once <paramref name="release"/> completes, without blocking Playwright's other routes.</summary>
    static Task Later(IRoute route, Task release)
    {
        _ = Task.Run(async () =>
        {
            await release;
            try { await route.ContinueAsync(); } catch (PlaywrightException) { /* the page cancelled it meanwhile */ }
        });
        return Task.CompletedTask;
    }

    async Task OpenAsCuratorAsync(IPage page, string path)
    {
        if (path == "sign-in.html") await page.GotoAsync("/sign-in.html");
        else await new SignInPage(page).SignInAsync(WebAppFixture.CuratorEmail, WebAppFixture.Password, path.Replace("{id}", data.WashId.ToString(CultureInfo.InvariantCulture)));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    [Theory]
    [InlineData("index.html")]
    [InlineData("dataset.html?id={id}")]
    [InlineData("edit.html")]
    [InlineData("coverage.html")]
    [InlineData("grid.html")]
    [InlineData("sign-in.html")]
    [InlineData("review.html")]
    [InlineData("admin.html")]
    public Task On_a_phone_no_page_scrolls_sideways_and_checkboxes_and_menu_links_are_24_px_targets(string path) => _app.RunAsync(async page =>
    {
        await OpenAsCuratorAsync(page, path);

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var wide = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('body *')].filter(e => !e.parentElement?.closest('.table-scroll') && e.getBoundingClientRect().right > window.innerWidth + 0.5)
              .slice(0, 8).map(e => `${e.tagName.toLowerCase()}#${e.id}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)
            """);
        Assert.True(widths[0] <= widths[1], $"{path} is {widths[0]} px wide on a {widths[1]} px screen: {string.Join(", ", wide)}");
        var small = await page.EvaluateAsync<string[]>("""
            () => {
              for (const d of document.querySelectorAll('details')) d.open = true;
              return [...document.querySelectorAll('input[type=checkbox], input[type=radio], .site-header nav a')]
                .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.width < 24 || r.height < 24); })
                .map(e => `${e.id || e.textContent} ${Math.round(e.getBoundingClientRect().width)}×${Math.round(e.getBoundingClientRect().height)}`);
            }
            """);
        Assert.True(small.Length == 0, $"targets under 24 px on {path}: {string.Join(", ", small)}");
    }, Phone);

    [Theory]
    [InlineData("coverage.html")]
    [InlineData("index.html")]
    public Task On_a_phone_the_map_comes_first_and_the_filters_fold_away(string path) => _app.RunAsync(async page =>
    {
        await page.GotoAsync($"/{path}");
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-state", "ready");

        var top = await page.Locator("#map").EvaluateAsync<double>("m => m.getBoundingClientRect().top");
        Assert.True(top <= Phone.Height - 300, $"the map of {path} starts {top} px down a {Phone.Height} px screen");
        await Assertions.Expect(page.Locator("#filters-panel")).Not.ToHaveAttributeAsync("open", "");
        await page.Locator("#filters-panel > summary").ClickAsync();
        await Assertions.Expect(page.Locator("#filters-panel")).ToHaveAttributeAsync("open", "");
    }, Phone);

    [Fact]
    public Task Ticking_a_facet_with_the_keyboard_keeps_the_focus_on_that_checkbox() => _app.RunAsync(async page =>
    {
        var catalogue = new CataloguePage(page);
        await catalogue.OpenAsync();
        var wash = page.Locator("#facets input[name=sector][value=wash]");

        await wash.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await catalogue.WaitAsync();

        await Assertions.Expect(page.Locator("#facets input[name=sector][value=wash]")).ToBeCheckedAsync();
        await Assertions.Expect(catalogue.Results).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#facets input[name=sector][value=wash]")).ToBeFocusedAsync();
    });

    [Fact]
    public Task The_coverage_page_has_a_skip_link_to_the_map() => _app.RunAsync(async page =>
    {
        await new CoveragePage(page).OpenAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to the map" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#map")).ToBeFocusedAsync();
    });

    [Fact]
    public Task Typing_a_unit_moves_nothing_until_the_user_confirms_with_enter() => _app.RunAsync(async page =>
    {
        var coverage = new CoveragePage(page);
        await coverage.OpenAsync("?level=township");
        var before = await coverage.Map.Root.EvaluateAsync<double>("m => m.leafletMap.getZoom()");
        var picker = page.GetByLabel("Go to a unit and list its datasets");

        await picker.FillAsync("Mawlamyine");
        await page.WaitForTimeoutAsync(300);
        Assert.Equal(before, await coverage.Map.Root.EvaluateAsync<double>("m => m.leafletMap.getZoom()"));
        await Assertions.Expect(coverage.UnitDatasets).ToBeEmptyAsync();

        await picker.PressAsync("Enter");
        await Assertions.Expect(coverage.UnitDatasets.Locator("h2")).ToContainTextAsync("Mawlamyine");
        Assert.True(await coverage.Map.Root.EvaluateAsync<double>("m => m.leafletMap.getZoom()") > before);
    });

    [Fact]
    public Task The_village_tract_list_names_each_tracts_township() => _app.RunAsync(async page =>
    {
        var coverage = new CoveragePage(page);
        await coverage.OpenAsync("?level=village-tract");

        var offered = await page.Locator("#unit-options option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        var inMawlamyine = offered.Where(v => v.Contains("(MMR011001")).ToArray();
        Assert.NotEmpty(inMawlamyine);
        Assert.All(inMawlamyine, v => Assert.Contains(" — Mawlamyine township (", v));

        await page.GetByLabel("Go to a unit and list its datasets").FillAsync(inMawlamyine[0]);
        await page.GetByLabel("Go to a unit and list its datasets").PressAsync("Enter");
        await Assertions.Expect(coverage.Map.Root).ToHaveAttributeAsync("data-focus", inMawlamyine[0][(inMawlamyine[0].LastIndexOf('(') + 1)..^1]);
    });

    [Fact]
    public Task The_drawing_buttons_have_accessible_names() => _app.RunAsync(async page =>
    {
        await page.GotoAsync("/edit.html");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Draw Polygon" })).ToBeVisibleAsync();
        var unnamed = await page.Locator(".leaflet-pm-toolbar a.leaflet-buttons-control-button").EvaluateAllAsync<int>(
            "links => links.filter(a => !a.getAttribute('aria-label')).length");
        Assert.Equal(0, unnamed);
    });

    [Fact]
    public Task The_coverage_map_shows_that_it_is_loading_while_the_counts_are_out() => _app.RunAsync(async page =>
    {
        var release = new TaskCompletionSource();
        await page.RouteAsync(new Regex("/api/coverage\\?"), route => Later(route, release.Task));
        await page.GotoAsync("/coverage.html?level=township");
        var loading = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Loading the map" });
        try
        {
            await Assertions.Expect(loading).ToBeVisibleAsync();
        }
        finally
        {
            release.TrySetResult();
        }
        await new CoveragePage(page).WaitAsync();
        await Assertions.Expect(loading).ToBeHiddenAsync();
    });

    [Fact]
    public Task A_second_tick_cancels_the_search_still_out_for_the_first() => _app.RunAsync(async page =>
    {
        var catalogue = new CataloguePage(page);
        await catalogue.OpenAsync();
        var release = new TaskCompletionSource();
        var held = new List<string>();
        var failed = new List<string>();
        page.RequestFailed += (_, r) => failed.Add(r.Url);
        await page.RouteAsync(new Regex("/api/datasets\\?"), route =>
        {
            if (held.Count > 0) return route.ContinueAsync();
            held.Add(route.Request.Url);
            return Later(route, release.Task);
        });
        try
        {
            await page.Locator("#facets input[name=sector][value=wash]").CheckAsync();
            await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-state", "searching");
            await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Searching" })).ToBeVisibleAsync();
            await page.Locator("#facets input[name=sector][value=food-security]").CheckAsync();
            await catalogue.WaitAsync();
            await Assertions.Expect(page.Locator("#total")).ToHaveTextAsync(new Regex("datasets?$"));
            Assert.Contains("sector=food-security", page.Url);
            for (var i = 0; i < 50 && !failed.Contains(held[0]); i++) await page.WaitForTimeoutAsync(100);
            Assert.Contains(held[0], failed);
        }
        finally
        {
            release.TrySetResult();
        }
    });

    [Fact]
    public Task A_coverage_link_restores_filters_mode_unit_zoom_and_centre_in_a_fresh_browser() => _app.RunAsync(async page =>
    {
        var coverage = new CoveragePage(page);
        await coverage.OpenAsync("?level=township");
        await coverage.ToggleSectorAsync("8 Food security");
        await page.GetByLabel("Colour units by").SelectOptionAsync("count");
        await coverage.WaitAsync();
        await coverage.ShowGapsAsync();
        await page.GetByLabel("Go to a unit and list its datasets").FillAsync("Mawlamyine");
        await page.GetByLabel("Go to a unit and list its datasets").PressAsync("Enter");
        await Assertions.Expect(coverage.UnitDatasets.Locator("h2")).ToContainTextAsync("Mawlamyine");
        await coverage.Map.Root.EvaluateAsync("m => { m.leafletMap.setView([16.3, 97.7], 8.5, { animate: false }); }");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("z=8\\.5.*lat=16\\.3.*lon=97\\.7"));
        var shared = page.Url;

        var browser = page.Context.Browser!;
        await using var fresh = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        await fresh.RouteAsync("**/*", r => r.Request.Url.StartsWith(_app.BaseUrl, StringComparison.Ordinal) ? r.ContinueAsync() : r.AbortAsync());
        var other = await fresh.NewPageAsync();
        await other.GotoAsync(shared);
        var restored = new CoveragePage(other);
        await restored.WaitAsync();

        await Assertions.Expect(other.GetByLabel("8 Food security", new() { Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(other.GetByLabel("Colour units by")).ToHaveValueAsync("count");
        await Assertions.Expect(other.GetByLabel("Highlight units without data")).ToBeCheckedAsync();
        await Assertions.Expect(other.GetByLabel("Map units")).ToHaveValueAsync("township");
        await Assertions.Expect(restored.UnitDatasets.Locator("h2")).ToContainTextAsync("Mawlamyine");
        await Assertions.Expect(restored.Map.Root).ToHaveAttributeAsync("data-focus", "MMR011001");
        var view = await restored.Map.Root.EvaluateAsync<double[]>("m => { const c = m.leafletMap.getCenter(); return [m.leafletMap.getZoom(), c.lat, c.lng]; }");
        Assert.Equal(8.5, view[0]);
        Assert.Equal(16.3, view[1], 2);
        Assert.Equal(97.7, view[2], 2);
    });

    [Fact]
    public Task A_field_error_goes_once_the_field_is_corrected() => _app.RunAsync(async page =>
    {
        await new SignInPage(page).SignInAsync(WebAppFixture.CuratorEmail, WebAppFixture.Password, "edit.html");
        var edit = new EditPage(page);
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");
        await edit.SaveAsync();
        await Assertions.Expect(edit.ErrorFor("title")).ToBeVisibleAsync();

        await edit.FillAsync("Title (required)", "Bilin school census");

        await Assertions.Expect(edit.ErrorFor("title")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByLabel("Title (required)")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(edit.ErrorFor("sectors")).ToBeVisibleAsync();
    });

    [Fact]
    public async Task Pages_name_an_svg_favicon_that_the_service_serves()
    {
        var html = await _app.Client.GetStringAsync("/index.html");
        var href = Regex.Match(html, "<link rel=\"icon\" href=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(href), "index.html names no icon");
        using var icon = await _app.Client.GetAsync("/" + href);
        Assert.True(icon.IsSuccessStatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public Task An_anonymous_visit_to_each_public_page_asks_the_service_nothing_that_fails() => _app.RunAsync(async page =>
    {
        var failed = new List<string>();
        page.Response += (_, r) => { if (r.Status >= 400 && r.Url.Contains("/api/", StringComparison.Ordinal)) failed.Add($"{r.Status} {r.Url}"); };

        foreach (var path in new[] { "/index.html", "/coverage.html", "/grid.html" })
        {
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        Assert.Empty(failed);
    });
}
