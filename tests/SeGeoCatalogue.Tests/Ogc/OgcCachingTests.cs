using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace SeGeoCatalogue.Tests.Ogc;

/// <summary>ETag / Last-Modified on the OGC answers and 304s (RFC 9110 §13), changing with every write to the catalogue.</summary>
public sealed class OgcCachingTests(OpenFormatsFixture fixture) : IClassFixture<OpenFormatsFixture>
{
    static readonly string[] Urls =
    [
        "/ogc/collections", "/ogc/collections/datasets", "/ogc/collections/datasets/items",
        "/ogc/collections/townships/items?limit=5", "/ogc/collections/coverage-wash-township/items?limit=5",
    ];

    [Fact]
    public async Task An_unchanged_catalogue_answers_304_to_its_own_ETag_and_Last_Modified_with_no_body()
    {
        foreach (var url in Urls.Append($"/ogc/collections/datasets/items/{fixture.Picked}"))
        {
            var first = await fixture.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var etag = first.Headers.ETag ?? throw new Xunit.Sdk.XunitException($"{url}: no ETag");
            var lastModified = first.Content.Headers.LastModified ?? throw new Xunit.Sdk.XunitException($"{url}: no Last-Modified");

            var byTag = await Conditional(url, r => r.Headers.IfNoneMatch.Add(etag));
            Assert.Equal(HttpStatusCode.NotModified, byTag.StatusCode);
            Assert.Equal(etag, byTag.Headers.ETag);
            Assert.Empty(await byTag.Content.ReadAsByteArrayAsync());

            var byDate = await Conditional(url, r => r.Headers.IfModifiedSince = lastModified);
            Assert.Equal(HttpStatusCode.NotModified, byDate.StatusCode);
            var older = await Conditional(url, r => r.Headers.IfModifiedSince = lastModified.AddSeconds(-1));
            Assert.Equal(HttpStatusCode.OK, older.StatusCode);
        }
    }

    [Fact]
    public async Task A_record_written_changes_every_ETag_and_the_old_tag_gets_the_new_data()
    {
        var before = await ETags();

        await fixture.App.ScalarAsync<int>("UPDATE datasets SET title = 'Mon household survey, revised' WHERE id = @id RETURNING id", ("id", fixture.Picked));

        var after = await ETags();
        foreach (var url in Urls) Assert.NotEqual(before[url], after[url]);
        var refetched = await Conditional($"/ogc/collections/datasets/items/{fixture.Picked}", r => r.Headers.IfNoneMatch.Add(before["/ogc/collections/datasets"]));
        Assert.Equal(HttpStatusCode.OK, refetched.StatusCode);
        Assert.Equal("Mon household survey, revised", (string)JsonNode.Parse(await refetched.Content.ReadAsStringAsync())!["properties"]!["title"]!);
    }

    [Fact]
    public async Task A_boundary_change_changes_the_ETag_of_the_unit_collections()
    {
        var before = await ETags();

        await fixture.App.ScalarAsync<string>("UPDATE admin_units SET name_en = name_en || ' ' WHERE pcode = 'MMR011001' RETURNING pcode");

        Assert.NotEqual(before["/ogc/collections/townships/items?limit=5"], (await ETags())["/ogc/collections/townships/items?limit=5"]);
    }

    [Fact]
    public async Task A_bad_request_carries_no_validator_and_is_never_a_304()
    {
        var response = await Conditional("/ogc/collections/datasets/items?limit=0", r => r.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Any));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.ETag);
    }

    async Task<Dictionary<string, EntityTagHeaderValue>> ETags()
    {
        var tags = new Dictionary<string, EntityTagHeaderValue>();
        foreach (var url in Urls) tags[url] = (await fixture.Client.GetAsync(url)).Headers.ETag!;
        return tags;
    }

    Task<HttpResponseMessage> Conditional(string url, Action<HttpRequestMessage> condition)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        condition(request);
        return fixture.Client.SendAsync(request);
    }
}
