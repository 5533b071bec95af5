using Microsoft.Playwright;
using NetTopologySuite.Geometries;
using SeGeoCatalogue.BrowserTests.Infrastructure;
using SeGeoCatalogue.BrowserTests.Pages;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.BrowserTests.Web;

/// <summary>Three published records: a township-level WASH assessment in Hpa-An, a village-tract food survey in Mawlamyine, a Kayin state census extract.</summary>
public sealed class CatalogueData : IAsyncLifetime
{
    public WebAppFixture App { get; } = new();
    public record Row(string Title, string Holder, string[] Sectors, string Level, string[] Pcodes);

    public static readonly Row[] Rows =
    [
        new("Hpa-An WASH assessment", "WFP", ["wash"], "township", ["MMR003001"]),
        new("Mawlamyine food security survey", "KDN", ["food-security"], "village-tract", ["MMR011001"]),
        new("Kayin census extract", "MIMU", ["demographics", "wash"], "state", ["MMR003"]),
    ];

    public Dictionary<string, int> Ids { get; } = [];

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        await using var seed = await Seed.AsCuratorAsync(App);
        var holders = new Dictionary<string, int>();
        foreach (var acronym in Rows.Select(r => r.Holder).Distinct())
            holders[acronym] = await seed.OrganisationAsync($"{acronym} organisation", acronym);
        foreach (var r in Rows)
            Ids[r.Title] = await seed.PublishedDatasetAsync(Seed.Record(r.Title, holders[r.Holder], r.Sectors, r.Level, r.Pcodes));
    }

    public Task DisposeAsync() => App.DisposeAsync();
}

public sealed class CatalogueTests(CatalogueData data) : IClassFixture<CatalogueData>
{
    readonly WebAppFixture _app = data.App;

    [Fact]
    public Task Searching_for_a_word_lists_only_the_records_that_contain_it() => _app.RunAsync(async page =>
    {
        var catalogue = new CataloguePage(page);
        await catalogue.OpenAsync();
        Assert.Equal(CatalogueData.Rows.Select(r => r.Title).Order().ToArray(), await catalogue.ResultTitlesAsync());

        await catalogue.SearchAsync("food");

        Assert.Equal(["Mawlamyine food security survey"], await catalogue.ResultTitlesAsync());
        Assert.Contains("q=food", page.Url);
    });

    [Fact]
    public Task Ticking_a_sector_facet_shows_its_count_and_narrows_the_results_to_that_sector() => _app.RunAsync(async page =>
    {
        var wash = CatalogueData.Rows.Where(r => r.Sectors.Contains("wash")).Select(r => r.Title).Order().ToArray();
        var catalogue = new CataloguePage(page);
        await catalogue.OpenAsync();

        await Assertions.Expect(catalogue.Facet("Sector", "7 WASH")).ToContainTextAsync($"({wash.Length})");
        await catalogue.ToggleFacetAsync("Sector", "7 WASH");

        Assert.Equal(wash, await catalogue.ResultTitlesAsync());
        await Assertions.Expect(page.Locator("#total")).ToHaveTextAsync($"{wash.Length} datasets");
        // Holders left under the sector filter: the facet counts follow the other filters.
        await Assertions.Expect(catalogue.Facet("Holder", "KDN")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Search_this_map_area_keeps_the_records_whose_units_lie_in_the_view() => _app.RunAsync(async page =>
    {
        var catalogue = new CataloguePage(page);
        await catalogue.OpenAsync();
        await catalogue.Map.WaitForBoundariesAsync();
        // Around Kawkareik in Kayin, away from Hpa-An township and from Mawlamyine.
        await catalogue.Map.FitAsync(98.35, 16.4, 98.55, 16.6);
        var view = await catalogue.Map.BoundsAsync();
        var units = BoundaryData.Read("townships.geojson");
        bool Touches(string pcode) => units.Where(f => f.Property("ts_pcode").StartsWith(pcode, StringComparison.Ordinal)).Any(f => f.Geometry.EnvelopeInternal.Intersects(view));
        var expected = CatalogueData.Rows.Where(r => r.Pcodes.Any(Touches)).Select(r => r.Title).Order().ToArray();
        Assert.Equal(["Kayin census extract"], expected); // the view tells the three apart

        await catalogue.SearchMapAreaAsync();

        Assert.Equal(expected, await catalogue.ResultTitlesAsync());
        Assert.Contains("bbox=", page.Url);
    });

    [Fact]
    public Task Opening_a_record_shows_its_fields_and_its_township_on_the_map() => _app.RunAsync(async page =>
    {
        var township = BoundaryData.Read("townships.geojson").Single(f => f.Property("ts_pcode") == "MMR003001");
        var catalogue = new CataloguePage(page);
        await catalogue.OpenAsync();

        await catalogue.OpenResultAsync("Hpa-An WASH assessment");

        var dataset = new DatasetPage(page);
        await Assertions.Expect(dataset.Title).ToHaveTextAsync("Hpa-An WASH assessment");
        await Assertions.Expect(dataset.FieldValue("Holder")).ToContainTextAsync("WFP");
        await Assertions.Expect(dataset.FieldValue("Sectors")).ToHaveTextAsync("7 WASH");
        Assert.Equal(1, await dataset.WaitForCoverageAsync());
        await Assertions.Expect(dataset.Units).ToContainTextAsync(township.Property("ts_name_my"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download coverage (GeoJSON)" }))
            .ToHaveAttributeAsync("href", $"/api/datasets/{data.Ids["Hpa-An WASH assessment"]}/area");
    });
}
