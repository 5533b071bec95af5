using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.ApiDocs;

/// <summary>Both OpenAPI documents the service serves pass redocly lint (recommended ruleset) with no error.</summary>
public sealed class OpenApiLintTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/ogc/api")]
    public async Task Redocly_finds_no_error_in_the_served_document(string route)
    {
        var document = await fixture.Client.GetStringAsync(route);
        var report = await Redocly.LintAsync(document);

        var errors = report["problems"]!.AsArray().Where(p => (string?)p!["severity"] == "error")
            .Select(p => $"{p!["ruleId"]} at {p["location"]?[0]?["pointer"]}: {p["message"]}").ToList();
        Assert.True(errors.Count == 0, $"{route}: {errors.Count} redocly errors:\n{string.Join("\n", errors.Take(40))}");
        Assert.Equal(0, (int)report["totals"]!["errors"]!);
    }
}
