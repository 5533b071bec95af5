using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Datasets;

/// <summary>A create retried with the same Idempotency-Key (after a lost response) answers with the first record instead of a duplicate.</summary>
public sealed class IdempotencyTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    readonly DatasetTestApp _app = new(fixture);

    [Fact]
    public async Task A_retried_create_with_the_same_key_returns_the_first_record_and_stores_one()
    {
        var holder = await _app.OrganisationAsync("Retry holder");
        var body = DatasetTestApp.Body(holder, "Retried survey");
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync(body, key);
        var retry = await PostAsync(body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(1L, await CountAsync("Retried survey"));
    }

    [Fact]
    public async Task Concurrent_creates_with_one_key_store_one_record()
    {
        var holder = await _app.OrganisationAsync("Race holder");
        var body = DatasetTestApp.Body(holder, "Raced survey");
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostAsync(body, key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.Location).Distinct());
        Assert.Equal(1L, await CountAsync("Raced survey"));
    }

    [Fact]
    public async Task A_key_reused_for_a_different_body_is_refused_and_without_a_key_each_create_is_new()
    {
        var holder = await _app.OrganisationAsync("Reuse holder");
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(DatasetTestApp.Body(holder, "Reused key A"), key)).StatusCode);

        var reused = await PostAsync(DatasetTestApp.Body(holder, "Reused key B"), key);
        await PostAsync(DatasetTestApp.Body(holder, "No key"), null);
        await PostAsync(DatasetTestApp.Body(holder, "No key"), null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Contains("Idempotency-Key", (string)JsonNode.Parse(await reused.Content.ReadAsStringAsync())!["detail"]!);
        Assert.Equal(0L, await CountAsync("Reused key B"));
        Assert.Equal(2L, await CountAsync("No key"));
    }

    Task<HttpResponseMessage> PostAsync(JsonObject body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/datasets") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return _app.Client().SendAsync(request);
    }

    Task<long> CountAsync(string title) => _app.Database.ScalarAsync<long>("SELECT count(*) FROM datasets WHERE title = @t", ("t", title));
}
