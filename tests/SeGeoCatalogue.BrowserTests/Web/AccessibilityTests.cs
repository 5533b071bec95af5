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
        if (signedIn) await new SignInPage(page).SignInAsync(WebAppFixture.CuratorEmail, WebAppFixture.Password, address);
        else await page.GotoAsync($"/{address}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(page.Locator("body:not([data-state=loading]):not([data-state=searching])")).ToHaveCountAsync(1);

        await Axe.AssertNoSeriousViolationsAsync(page);
    });
}
