using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NetTopologySuite.Geometries;
using SeGeoCatalogue.BrowserTests.Infrastructure;
using SeGeoCatalogue.BrowserTests.Pages;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.BrowserTests.Web;

/// <summary>Two published records: a WASH assessment of Hpa-An township and a food survey of Mawlamyine township.</summary>
public sealed class CoverageData : IAsyncLifetime
{
    public const string Wash = "Hpa-An WASH assessment", Food = "Mawlamyine food survey";
    public WebAppFixture App { get; } = new();

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        await using var seed = await Seed.AsCuratorAsync(App);
        var holder = await seed.OrganisationAsync("World Food Programme", "WFP");
        await seed.PublishedDatasetAsync(Seed.Record(Wash, holder, ["wash"], "township", "MMR003001"));
        await seed.PublishedDatasetAsync(Seed.Record(Food, holder, ["food-security"], "township", "MMR011001"));
    }

    public Task DisposeAsync() => App.DisposeAsync();
}

public sealed class CoverageTests(CoverageData data) : IClassFixture<CoverageData>
{
    readonly WebAppFixture _app = data.App;
    static readonly int Townships = BoundaryData.Read("townships.geojson").Count;

    [Fact]
    public Task Polygons_come_as_vector_tiles_names_once_per_level_and_a_filter_change_fetches_only_the_counts() => _app.RunAsync(async page =>
    {
        var requests = new List<string>();
        page.Request += (_, r) => requests.Add(new Uri(r.Url).PathAndQuery);
        var tiles = () => requests.Count(r => r.StartsWith("/tiles/", StringComparison.Ordinal));
        var map = new CoveragePage(page);
        await map.OpenAsync("?level=township");
        Assert.Equal(2, await map.DataAsync("counted"));
        var townshipTiles = tiles();
        Assert.True(townshipTiles > 0, "no vector tile was fetched");

        await map.ToggleSectorAsync("7 WASH");
        Assert.Equal(1, await map.DataAsync("counted"));
        // Restyled from the counts: not one tile more.
        Assert.Equal(townshipTiles, tiles());
        await map.ChooseLevelAsync("village-tract");
        Assert.Contains(requests, r => r.StartsWith("/tiles/village-tract/8/", StringComparison.Ordinal));
        await map.ChooseLevelAsync("township");

        Assert.All(requests.Where(r => r.StartsWith("/tiles/", StringComparison.Ordinal)), r => Assert.Matches(@"^/tiles/(township|village-tract)/\d+/\d+/\d+\.mvt$", r));
        // No polygons as GeoJSON: no coverage features, no unit outlines of the map's levels (only names, once per level).
        Assert.DoesNotContain(requests, r => r.StartsWith("/api/coverage?", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, r => r.StartsWith("/api/admin-units?", StringComparison.Ordinal) && r.Contains("level=village-tract", StringComparison.Ordinal) && !r.Contains("geometry=none", StringComparison.Ordinal));
        Assert.Equal(1, requests.Count(r => r.StartsWith("/api/admin-units?level=village-tract&geometry=none", StringComparison.Ordinal)));
        Assert.Equal(4, requests.Count(r => r.StartsWith("/api/coverage/counts?", StringComparison.Ordinal)));
        Assert.Equal(Townships, await map.DataAsync("units"));
    });

    [Fact]
    public Task Each_township_is_filled_with_the_colour_of_its_class_and_restyled_when_a_filter_changes() => _app.RunAsync(async page =>
    {
        // The page's colours, written out: "at this level" and "no data" in the class view; 0 and 1 dataset in the count view.
        const string AtThisLevel = "#2171b5", NoData = "#fdae6b", NoDataset = "#f7f7f7", OneDataset = "#c6dbef";
        var map = new CoveragePage(page);
        await map.OpenAsync("?level=township&sector=wash");
        var fills = await map.Map.FillsAsync();
        Assert.Equal(Townships, fills.Count);
        Assert.Equal(AtThisLevel, fills["MMR003001"]); // Hpa-An: the WASH assessment, at township level
        Assert.All(fills.Where(f => f.Key != "MMR003001"), f => Assert.Equal(NoData, f.Value));

        await map.ToggleSectorAsync("8 Food security");
        fills = await map.Map.FillsAsync();
        Assert.Equal(AtThisLevel, fills["MMR011001"]); // Mawlamyine: the food survey
        Assert.Equal(Townships - 2, fills.Values.Count(v => v == NoData));

        await page.GotoAsync("/coverage.html?level=township&view=count");
        await map.WaitAsync();
        fills = await map.Map.FillsAsync();
        Assert.Equal(OneDataset, fills["MMR003001"]);
        Assert.Equal(OneDataset, fills["MMR011001"]);
        Assert.Equal(Townships - 2, fills.Values.Count(v => v == NoDataset));
    });

    [Fact]
    public Task Hovering_a_township_shows_its_English_and_Myanmar_names_and_its_count_and_clicking_lists_its_datasets() => _app.RunAsync(async page =>
    {
        var hpaAn = BoundaryData.Read("townships.geojson").Single(f => f.Property("ts_pcode") == "MMR003001");
        var inside = hpaAn.Geometry.InteriorPoint;
        var map = new CoveragePage(page);
        await map.OpenAsync("?level=township");
        await map.Map.FitAsync(hpaAn.Geometry.EnvelopeInternal.MinX, hpaAn.Geometry.EnvelopeInternal.MinY,
            hpaAn.Geometry.EnvelopeInternal.MaxX, hpaAn.Geometry.EnvelopeInternal.MaxY);

        await map.HoverAsync(inside.X, inside.Y);
        await Assertions.Expect(map.Info).ToContainTextAsync("Hpa-An");
        await Assertions.Expect(map.Info.Locator("[lang=my]")).ToHaveTextAsync(hpaAn.Property("ts_name_my"));
        await Assertions.Expect(map.Info).ToContainTextAsync("1 dataset");

        var (x, y) = await map.Map.PixelAsync(inside.X, inside.Y);
        await map.Map.Root.ClickAsync(new() { Position = new() { X = x, Y = y } });
        await Assertions.Expect(map.UnitDatasets.GetByRole(AriaRole.Link, new() { Name = CoverageData.Wash })).ToBeVisibleAsync();
    });

    [Fact]
    public Task A_keyboard_user_picks_a_township_from_the_list_and_hears_its_datasets() => _app.RunAsync(async page =>
    {
        var map = new CoveragePage(page);
        await map.OpenAsync("?level=township");

        await page.GetByLabel("Go to a unit and list its datasets").FocusAsync();
        await page.Keyboard.TypeAsync("Mawlamyine (MMR011001)");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(map.UnitDatasets.Locator("h2")).ToContainTextAsync("Mawlamyine");
        await Assertions.Expect(map.UnitDatasets.GetByRole(AriaRole.Link, new() { Name = CoverageData.Food })).ToBeVisibleAsync();
        await Assertions.Expect(map.UnitDatasets).ToHaveAttributeAsync("aria-live", "polite");
    });

    [Fact]
    public Task The_gap_toggle_marks_every_township_without_data_for_the_chosen_sector() => _app.RunAsync(async page =>
    {
        var map = new CoveragePage(page);
        await map.OpenAsync("?level=township&sector=wash");

        await map.ShowGapsAsync();

        Assert.Equal(Townships - 1, await map.DataAsync("gaps"));
        await Assertions.Expect(map.GapSummary).ToContainTextAsync($"{Townships - 1} of {Townships} units");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "CSV" })).ToHaveAttributeAsync("href", new Regex("^/api/gaps\\?.*f=csv"));
    });

    [Fact]
    public Task A_grid_cell_shows_its_count_and_leads_to_the_coverage_map_with_its_sector_and_township() => _app.RunAsync(async page =>
    {
        await page.GotoAsync("/grid.html");
        var cell = page.Locator("#grid tr[data-pcode=MMR003001] td[data-sector=wash]");
        await Assertions.Expect(cell).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#grid tr[data-pcode=MMR003001] td[data-sector=food-security]")).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("#grid tbody tr[data-pcode]")).ToHaveCountAsync(Townships);
        // Coloured by class as on the map, with a legend, and grouped by state/region under its subtotal.
        await Assertions.Expect(cell).ToHaveAttributeAsync("data-class", "here");
        await Assertions.Expect(page.Locator("#grid tr[data-pcode=MMR003001] td[data-sector=food-security]")).ToHaveAttributeAsync("data-class", "none");
        await Assertions.Expect(page.Locator("#grid-legend")).ToContainTextAsync("only data about a wider area");
        await Assertions.Expect(page.Locator("#grid tr.subtotal[data-state=MMR003] td").Nth(6)).ToHaveTextAsync("1");

        await cell.GetByRole(AriaRole.Link).ClickAsync();

        await page.WaitForURLAsync(new Regex("coverage\\.html\\?.*focus=MMR003001"));
        Assert.Contains("sector=wash", page.Url);
        await Assertions.Expect(page.GetByLabel("7 WASH", new() { Exact = true })).ToBeCheckedAsync();
        var map = new CoveragePage(page);
        await map.WaitAsync();
        await Assertions.Expect(map.UnitDatasets.Locator("h2")).ToContainTextAsync("Hpa-An");
        await Assertions.Expect(map.UnitDatasets.GetByRole(AriaRole.Link, new() { Name = CoverageData.Wash })).ToBeVisibleAsync();
    });

    [Fact]
    public Task The_grid_sorts_the_townships_of_each_state_by_a_header_button_says_so_with_aria_sort_and_keeps_its_header_in_view() => _app.RunAsync(async page =>
    {
        // Kayin's townships by English name, from the boundary file: the first row under the state's subtotal.
        var kayin = BoundaryData.Read("townships.geojson").Where(f => f.Property("st_pcode") == "MMR003")
            .OrderBy(f => f.Property("ts_name_en"), StringComparer.InvariantCulture).Select(f => f.Property("ts_pcode")).ToList();
        var firstUnderKayin = page.Locator("#grid tr.subtotal[data-state=MMR003] + tr");
        await page.GotoAsync("/grid.html");
        await Assertions.Expect(firstUnderKayin).ToHaveAttributeAsync("data-pcode", kayin[0]);
        await Assertions.Expect(page.Locator("#grid thead th").First).ToHaveAttributeAsync("aria-sort", "ascending");

        var wash = page.Locator("#grid thead th").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "7 WASH" }) });
        await wash.GetByRole(AriaRole.Button).ClickAsync();

        // Most WASH datasets first: Hpa-An, the one township with a WASH record.
        await Assertions.Expect(wash).ToHaveAttributeAsync("aria-sort", "descending");
        await Assertions.Expect(firstUnderKayin).ToHaveAttributeAsync("data-pcode", "MMR003001");
        await Assertions.Expect(page.Locator("#grid thead th").First).Not.ToHaveAttributeAsync("aria-sort", new Regex("."));
        await Assertions.Expect(wash.GetByRole(AriaRole.Button)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(wash).ToHaveAttributeAsync("aria-sort", "ascending");
        await Assertions.Expect(firstUnderKayin).Not.ToHaveAttributeAsync("data-pcode", "MMR003001");
        Assert.Contains("sort=wash", page.Url);

        // Scrolled down inside the grid, the header row still sits at the top of the grid's box.
        var scroller = page.Locator(".grid-scroll");
        await scroller.EvaluateAsync("s => { s.scrollTop = 900; }");
        var offset = await page.EvaluateAsync<double>("() => document.querySelector('#grid thead th').getBoundingClientRect().top - document.querySelector('.grid-scroll').getBoundingClientRect().top");
        Assert.InRange(offset, -1, 2);
        Assert.True(await scroller.EvaluateAsync<double>("s => s.scrollTop") > 100, "the grid does not scroll inside itself");
    });
}
