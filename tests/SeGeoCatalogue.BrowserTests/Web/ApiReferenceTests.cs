using Microsoft.Playwright;
using SeGeoCatalogue.BrowserTests.Infrastructure;

namespace SeGeoCatalogue.BrowserTests.Web;

/// <summary>The API reference page (Swagger UI served from wwwroot/lib) renders under the service's own CSP.</summary>
public sealed class ApiReferenceTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Theory]
    [InlineData("/scalar", "/ogc/collections/{collectionId}/items")]
    [InlineData("/api-docs.html?spec=ogc", "/collections/{collectionId}/items")]
    public Task The_reference_renders_the_operations_with_no_Content_Security_Policy_violation(string url, string path) => app.RunAsync(async page =>
    {
        // Every refusal the page's CSP makes, whether or not Chromium also logs it (RunAsync fails on logged errors).
        await page.AddInitScriptAsync("""
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
            """);

        var response = await page.GotoAsync(url);

        Assert.Contains("script-src 'self'", (await response!.AllHeadersAsync())["content-security-policy"]);
        await Assertions.Expect(page.Locator(".opblock").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($".opblock-summary-path[data-path='{path}']").First).ToBeVisibleAsync();
        Assert.True(await page.Locator(".opblock").CountAsync() >= 5);
        var violations = await page.EvaluateAsync<string[]>("window.__cspViolations");
        Assert.Empty(violations);
    });
}
