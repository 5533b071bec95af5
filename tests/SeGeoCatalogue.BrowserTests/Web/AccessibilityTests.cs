using System.Globalization;
using Microsoft.Playwright;
using SeGeoCatalogue.BrowserTests.Infrastructure;
using SeGeoCatalogue.BrowserTests.Pages;

namespace SeGeoCatalogue.BrowserTests.Web;

/// <summary>axe-core over every page, drawn, and signed in where the page needs it: no serious or critical violation.</summary>
public sealed class AccessibilityTests(UsabilityData data) : IClassFixture<UsabilityData>
{
    readonly WebAppFixture _app = data.App;

    [Theory]
    [InlineData("index.html", false)]
    [InlineData("dataset.html?id={id}", false)]
    [InlineData("coverage.html", false)]
    [InlineData("coverage.html?gaps=1&level=village-tract&focus=MMR003001001", false)]
    [InlineData("grid.html", false)]
    [InlineData("sign-in.html", false)]
    [InlineData("dataset.html?id={id}", true)]
    [InlineData("edit.html?id={id}", true)]
    [InlineData("review.html", true)]
    [InlineData("admin.html", true)]
    [InlineData("requests.html", true)]
    [InlineData("inventory.html", true)]
    public Task A_page_has_no_serious_or_critical_accessibility_violations(string path, bool signedIn) => _app.RunAsync(async page =>
    {
        var address = path.Replace("{id}", data.WashId.ToString(CultureInfo.InvariantCulture));
        if (path == "review.html") await SubmittedRecordAsync(); // the queue with a record in it, not only its empty state
        if (signedIn) await new SignInPage(page).SignInAsync(WebAppFixture.CuratorEmail, WebAppFixture.Password, address);
        else await page.GotoAsync($"/{address}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(page.Locator("body:not([data-state=loading]):not([data-state=searching])")).ToHaveCountAsync(1);

        await Axe.AssertNoSeriousViolationsAsync(page);
    });

    [Theory]
    [InlineData("index.html")]
    [InlineData("coverage.html")]
    [InlineData("grid.html")]
    [InlineData("dataset.html?id={id}")]
    public Task A_page_at_phone_width_has_no_serious_or_critical_accessibility_violations(string path) => _app.RunAsync(async page =>
    {
        await page.GotoAsync($"/{path.Replace("{id}", data.WashId.ToString(CultureInfo.InvariantCulture))}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Axe.AssertNoSeriousViolationsAsync(page);
    }, new ViewportSize { Width = 390, Height = 844 });

    async Task SubmittedRecordAsync()
    {
        await using var curator = await Seed.AsCuratorAsync(_app);
        var holder = (await curator.SendAsync("GET", "/api/organisations")).EnumerateArray().First().GetProperty("id").GetInt32();
        var id = (await curator.SendAsync("POST", "/api/datasets", Seed.Record("Kawkareik water survey", holder, ["wash"], "township", "MMR003005")))
            .GetProperty("id").GetInt32();
        await curator.SendAsync("POST", $"/api/datasets/{id}/submit");
    }
}
