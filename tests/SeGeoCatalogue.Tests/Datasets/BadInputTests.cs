using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Datasets;

/// <summary>Issue 10, item 7: bad input is a 400 ProblemDetails naming the field, never a 500, and stores nothing.</summary>
public sealed class BadInputTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    readonly DatasetTestApp _app = new(fixture);

    /// <summary>A body change: (JSON path of the field to set, the bad value, the field the problem must name).</summary>
    public static TheoryData<string, string, string> BadBodies() => new()
    {
        { "indicators", "[null]", "indicators[0]" },
        { "formats", "[\"csv\", null]", "formats[1]" },
        { "links", "[null]", "links[0]" },
        { "area", "{\"pcodes\": [\"MMR011001\", null]}", "area.pcodes[1]" },
        { "title", "\"Household survey\\u0000\"", "title" },
        { "summary", "\"Line one\\u0001line two\"", "summary" },
        { "contact", "\"info@example.org\\u0000\"", "contact" },
        { "source", "\"\\u001b[31mred\"", "source" },
        { "indicators", "[\"Food\\u0000Consumption\"]", "indicators[0]" },
        { "area", "{\"pcodes\": [\"MMR011\\u0000\"]}", "area.pcodes[0]" },
        { "links", "[{\"url\": \"https://example.org/\", \"title\": \"a\\u0000b\"}]", "links[0].title" },
        { "summary", $"\"{new string('a', 1_000_000)}\"", "summary" },
        { "summary", $"\"{string.Join(" ", Enumerable.Range(0, 150_000).Select(i => $"word{i}"))}\"", "summary" },
        { "title", $"\"{new string('t', 5_000)}\"", "title" },
        { "indicators", $"[{string.Join(",", Enumerable.Range(0, 500).Select(i => $"\"indicator {i}\""))}]", "indicators" },
        { "indicators", $"[\"{new string('i', 5_000)}\"]", "indicators[0]" },
        { "formats", $"[{string.Join(",", Enumerable.Range(0, 500).Select(i => $"\"f{i}\""))}]", "formats" },
        { "links", $"[{string.Join(",", Enumerable.Range(0, 500).Select(i => $"{{\"url\": \"https://example.org/{i}\"}}"))}]", "links" },
        { "links", $"[{{\"url\": \"https://example.org/{new string('u', 10_000)}\"}}]", "links[0].url" },
        { "area", $"{{\"pcodes\": [{string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"\"MMR{i:D9}\""))}]}}", "area.pcodes" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_field_in_a_new_record_is_a_400_naming_it_and_stores_nothing(string field, string badJson, string named)
    {
        var holder = await _app.OrganisationAsync("Bad input holder");
        var body = DatasetTestApp.Body(holder);
        body[field] = JsonNode.Parse(badJson);
        var before = await _app.TableCountsAsync();

        var response = await _app.Client().PostAsJsonAsync("/api/datasets", body);

        await AssertNamesAsync(response, named);
        Assert.Equal(before, await _app.TableCountsAsync());
    }

    [Theory]
    [InlineData("/api/admin-units?q=%00", "q")]
    [InlineData("/api/admin-units?q=Mawl%01amyine", "q")]
    [InlineData("/api/datasets?q=%00", "q")]
    [InlineData("/api/datasets?indicator=a%00b", "indicator")]
    [InlineData("/api/coverage?level=township&holder=%00", "holder")]
    [InlineData("/ogc/collections/datasets/items?q=x%7F", "q")]
    [InlineData("/api/admin-units?limit=abc", "limit")]
    [InlineData("/api/admin-units?limit=1e11", "limit")]
    [InlineData("/api/admin-units?offset=99999999999", "offset")]
    [InlineData("/api/datasets?limit=abc", "limit")]
    [InlineData("/ogc/collections/townships/items?limit=1e11", "limit")]
    [InlineData("/api/dcat?offset=x", "offset")]
    [InlineData("/api/admin-units?bbox=NaN,16,98,17", "bbox")]
    [InlineData("/api/datasets?bbox=97,NaN,98,17", "bbox")]
    [InlineData("/ogc/collections/townships/items?bbox=97,16,Infinity,17", "bbox")]
    [InlineData("/api/admin-units/at?lon=NaN&lat=16.5", "lon")]
    [InlineData("/api/admin-units/at?lon=97.6&lat=-Infinity", "lat")]
    public async Task A_bad_query_parameter_is_a_400_naming_it(string url, string named) =>
        await AssertNamesAsync(await _app.Client(null).GetAsync(url), named);

    [Theory]
    [InlineData("/api/admin-units?offset=2147483647")]
    [InlineData("/api/admin-units?offset=2147483600&limit=1000")]
    [InlineData("/ogc/collections/townships/items?offset=2147483647&limit=10000")]
    public async Task An_offset_near_the_largest_integer_answers_an_empty_page_without_a_next_link(string url)
    {
        var response = await _app.Client(null).GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var json = JsonNode.Parse(text)!;
        Assert.Empty(json["features"]!.AsArray());
        Assert.DoesNotContain(json["links"]!.AsArray(), l => (string)l!["rel"]! == "next");
        Assert.All(json["links"]!.AsArray(), l => Assert.DoesNotContain("offset=-", (string)l!["href"]!));
    }

    [Fact]
    public async Task The_OpenAPI_document_states_the_limits_the_service_enforces()
    {
        var document = JsonNode.Parse(await _app.Client(null).GetStringAsync("/openapi/v1.json"))!;
        var input = document["components"]!["schemas"]!["DatasetInput"]!["properties"]!;
        foreach (var list in new[] { "indicators", "formats", "links" })
            Assert.True(input[list]!["maxItems"] is not null, $"{list} has no maxItems in the OpenAPI document");
        var titleMax = (int)input["title"]!["maxLength"]!;
        var summaryMax = (int)input["summary"]!["maxLength"]!;
        Assert.InRange(summaryMax, 1, 100_000);

        var holder = await _app.OrganisationAsync("Limit holder");
        var atLimit = DatasetTestApp.Body(holder, new string('t', titleMax));
        atLimit["summary"] = new string('s', summaryMax);
        Assert.Equal(HttpStatusCode.Created, (await _app.Client().PostAsJsonAsync("/api/datasets", atLimit)).StatusCode);
        await AssertNamesAsync(await _app.Client().PostAsJsonAsync("/api/datasets", DatasetTestApp.Body(holder, new string('t', titleMax + 1))), "title");
    }

    static async Task AssertNamesAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonNode.Parse(text)!["errors"]?.AsObject();
        Assert.True(errors is not null && errors.ContainsKey(field), $"the problem does not name '{field}': {text}");
        Assert.False(string.IsNullOrWhiteSpace(errors[field]![0]?.ToString()), $"no advice for '{field}': {text}");
    }
}
