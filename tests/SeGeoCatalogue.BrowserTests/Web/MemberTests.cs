using Microsoft.Playwright;
using NetTopologySuite.Geometries;
using SeGeoCatalogue.BrowserTests.Infrastructure;
using SeGeoCatalogue.BrowserTests.Pages;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.BrowserTests.Web;

/// <summary>An organisation with one member, made by the curator.</summary>
public sealed class MemberData : IAsyncLifetime
{
    public const string Email = "aye@wfp.test";
    public WebAppFixture App { get; } = new();

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        await using var seed = await Seed.AsCuratorAsync(App);
        await seed.MemberAsync(Email, await seed.OrganisationAsync("World Food Programme", "WFP"));
    }

    public Task DisposeAsync() => App.DisposeAsync();
}

public sealed class MemberTests(MemberData data) : IClassFixture<MemberData>
{
    readonly WebAppFixture _app = data.App;

    [Fact]
    public Task A_member_draws_a_footprint_sees_the_units_it_will_link_saves_it_and_finds_the_record_and_its_coverage() => _app.RunAsync(async page =>
    {
        (double Lon, double Lat)[] corners = [(97.56, 16.43), (97.69, 16.43), (97.69, 16.54), (97.56, 16.54)];
        var drawn = new Polygon(new LinearRing([.. corners.Append(corners[0]).Select(c => new Coordinate(c.Lon, c.Lat))]));
        var utm = new UtmArea();
        var shares = BoundaryData.Read("village_tracts.geojson")
            .Where(f => f.Geometry.Intersects(drawn))
            .ToDictionary(f => f.Property("vt_pcode"), f => utm.SquareKilometres(f.Geometry.Intersection(drawn)) / utm.SquareKilometres(f.Geometry));
        var surelyLinked = shares.Where(s => s.Value >= 0.07).Select(s => s.Key).ToHashSet();
        var surelyNot = shares.Where(s => s.Value < 0.03).Select(s => s.Key).ToHashSet();
        Assert.True(surelyLinked.Count >= 5, "the drawing should cover several village tracts");

        await new SignInPage(page).SignInAsync(MemberData.Email, WebAppFixture.Password, "edit.html");
        var edit = new EditPage(page);
        await edit.OpenAsync();
        await edit.Map.FitAsync(97.5, 16.38, 97.75, 16.6);
        await edit.DrawPolygonAsync(corners);

        await Assertions.Expect(edit.Preview.First).ToBeVisibleAsync();
        var previewed = (await edit.Preview.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.pcode)")).ToHashSet();
        Assert.Superset(surelyLinked, previewed);
        Assert.Empty(previewed.Intersect(surelyNot));
        // Where the village-tract layer leaves a gap (rivers), the footprint links the township itself.
        var touchedTownships = BoundaryData.Read("townships.geojson").Where(f => f.Geometry.Intersects(drawn)).Select(f => f.Property("ts_pcode"));
        Assert.Subset(shares.Keys.Concat(touchedTownships).ToHashSet(), previewed);

        await edit.FillAsync("Title (required)", "Mawlamyine water point survey");
        await edit.CheckAsync("7 WASH");
        await edit.SelectAsync("Disaggregation level", "village-tract");
        await edit.SelectAsync("Availability for dissemination", "members");
        await edit.SaveAsync();

        await page.WaitForURLAsync("**/dataset.html?id=*");
        var dataset = new DatasetPage(page);
        await Assertions.Expect(dataset.Title).ToHaveTextAsync("Mawlamyine water point survey");
        Assert.Equal(previewed.Count, await dataset.WaitForCoverageAsync());
        await Assertions.Expect(dataset.FieldValue("Holder")).ToContainTextAsync("WFP");

        var catalogue = new CataloguePage(page);
        await catalogue.OpenAsync();
        await catalogue.SearchAsync("water point");
        Assert.Equal(["Mawlamyine water point survey"], await catalogue.ResultTitlesAsync());

        // The member's draft counts on their coverage map: every township holding a linked unit (pcode prefix).
        var coverage = new CoveragePage(page);
        await coverage.OpenAsync("?level=township&sector=wash");
        Assert.Equal(previewed.Select(p => p[..9]).Distinct().Count(), await coverage.DataAsync("counted"));
    });

    [Fact]
    public Task Saving_without_a_title_or_a_sector_puts_the_services_messages_next_to_those_fields() => _app.RunAsync(async page =>
    {
        await new SignInPage(page).SignInAsync(MemberData.Email, WebAppFixture.Password, "edit.html");
        var edit = new EditPage(page);
        await edit.OpenAsync();

        await edit.SaveAsync();

        await Assertions.Expect(edit.ErrorFor("title")).ToBeVisibleAsync();
        await Assertions.Expect(edit.ErrorFor("sectors")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Title (required)")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#error-summary")).ToBeFocusedAsync();
        Assert.Contains("edit.html", page.Url);
    });

    [Fact]
    public Task A_member_edits_a_record_and_its_history_shows_the_old_and_new_title() => _app.RunAsync(async page =>
    {
        int id;
        await using (var member = await Seed.SignedInAsync(_app, MemberData.Email, WebAppFixture.Password))
        {
            var holder = (await member.SendAsync("GET", "/api/account/me")).GetProperty("organisation").GetProperty("id").GetInt32();
            id = (await member.SendAsync("POST", "/api/datasets", Seed.Record("Kyaikmaraw WASH baseline", holder, ["wash"], "township", "MMR011002")))
                .GetProperty("id").GetInt32();
        }
        await new SignInPage(page).SignInAsync(MemberData.Email, WebAppFixture.Password, $"edit.html?id={id}");
        var edit = new EditPage(page);
        await Assertions.Expect(page.GetByLabel("Title (required)")).ToHaveValueAsync("Kyaikmaraw WASH baseline");
        await Assertions.Expect(page.Locator("#picked li[data-pcode=MMR011002]")).ToBeVisibleAsync();

        await edit.FillAsync("Title (required)", "Kyaikmaraw WASH baseline 2015");
        await edit.SaveAsync();

        await page.WaitForURLAsync($"**/dataset.html?id={id}");
        await Assertions.Expect(new DatasetPage(page).Title).ToHaveTextAsync("Kyaikmaraw WASH baseline 2015");
        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("Title: Kyaikmaraw WASH baseline → Kyaikmaraw WASH baseline 2015");
    });
}

public sealed class SubmitForReviewTests(MemberData data) : IClassFixture<MemberData>
{
    readonly WebAppFixture _app = data.App;

    [Fact]
    public Task A_member_submits_a_draft_from_its_page_and_a_curator_finds_it_in_the_review_queue() => _app.RunAsync(async page =>
    {
        int id;
        await using (var member = await Seed.SignedInAsync(_app, MemberData.Email, WebAppFixture.Password))
        {
            var holder = (await member.SendAsync("GET", "/api/account/me")).GetProperty("organisation").GetProperty("id").GetInt32();
            id = (await member.SendAsync("POST", "/api/datasets", Seed.Record("Thaton latrine survey", holder, ["wash"], "township", "MMR011006")))
                .GetProperty("id").GetInt32();
        }
        await new SignInPage(page).SignInAsync(MemberData.Email, WebAppFixture.Password, $"dataset.html?id={id}");
        var dataset = new DatasetPage(page);
        await Assertions.Expect(dataset.FieldValue("Curation")).ToContainTextAsync("Draft");

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();

        await Assertions.Expect(page.Locator("#action-result")).ToContainTextAsync("Submitted for review");
        await Assertions.Expect(dataset.FieldValue("Curation")).ToContainTextAsync("Submitted");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" })).ToHaveCountAsync(0);

        await using var curator = await Seed.AsCuratorAsync(_app);
        var queue = await curator.SendAsync("GET", "/api/review");
        var items = queue.ValueKind == System.Text.Json.JsonValueKind.Array ? queue : queue.GetProperty("items");
        Assert.Contains(items.EnumerateArray(), i => i.GetProperty("id").GetInt32() == id);
    });
}
