using Microsoft.Playwright;
using SeGeoCatalogue.BrowserTests.Infrastructure;

namespace SeGeoCatalogue.BrowserTests.Web;

/// <summary>The record page carries its schema.org JSON-LD as a data block, and Chromium raises no CSP violation for it.</summary>
public sealed class DatasetPageJsonLdTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task The_record_page_embeds_its_schema_org_Dataset_with_no_Content_Security_Policy_violation()
    {
        int id;
        await using (var curator = await Seed.AsCuratorAsync(app))
        {
            var holder = await curator.OrganisationAsync("JSON-LD holder", "JLH");
            id = await curator.PublishedDatasetAsync(Seed.Record("Hpa-An wells </script> survey", holder, ["wash"], "township", "MMR011001"));
        }

        await app.RunAsync(async page =>
        {
            await page.AddInitScriptAsync("""
                window.__cspViolations = [];
                document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
                """);

            var response = await page.GotoAsync($"dataset.html?id={id}");

            Assert.Contains("script-src 'self'", (await response!.AllHeadersAsync())["content-security-policy"]);
            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Hpa-An wells </script> survey");
            var blocks = await page.Locator("script[type='application/ld+json']").AllTextContentsAsync();
            var data = Assert.Single(blocks);
            using var json = System.Text.Json.JsonDocument.Parse(data);
            Assert.Equal("Dataset", json.RootElement.GetProperty("@type").GetString());
            Assert.Equal("Hpa-An wells </script> survey", json.RootElement.GetProperty("name").GetString());
            Assert.Empty(await page.EvaluateAsync<string[]>("window.__cspViolations"));
        });
    }
}
