using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Datasets;

/// <summary>If-Match per RFC 9110 (*, lists, strong comparison) and ETags kept with the row, not PostgreSQL's xmin.</summary>
public sealed class ETagTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    readonly DatasetTestApp _app = new(fixture);

    [Fact]
    public async Task If_Match_star_updates_whatever_is_current()
    {
        var holder = await _app.OrganisationAsync("Star holder");
        var (id, _, _) = await _app.CreateAsync(DatasetTestApp.Body(holder, "Star"), publish: false);

        var response = await PutAsync(id, DatasetTestApp.Body(holder, "Star, edited"), "*");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Star, edited", await _app.Database.ScalarAsync<string>("SELECT title FROM datasets WHERE id = @id", ("id", id)));
    }

    [Fact]
    public async Task If_Match_takes_a_list_and_compares_strongly()
    {
        var holder = await _app.OrganisationAsync("List holder");
        var (id, etag, _) = await _app.CreateAsync(DatasetTestApp.Body(holder, "List"), publish: false);

        var weak = await PutAsync(id, DatasetTestApp.Body(holder, "Weak"), $"W/{etag}");
        Assert.Equal(HttpStatusCode.PreconditionFailed, weak.StatusCode);
        var listed = await PutAsync(id, DatasetTestApp.Body(holder, "Listed"), $"\"no-such-version\", {etag}");

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal("Listed", await _app.Database.ScalarAsync<string>("SELECT title FROM datasets WHERE id = @id", ("id", id)));
    }

    [Fact]
    public async Task The_ETag_stays_when_the_row_is_rewritten_unchanged_as_a_restore_or_VACUUM_FULL_would()
    {
        var holder = await _app.OrganisationAsync("Restore holder");
        var (id, etag, _) = await _app.CreateAsync(DatasetTestApp.Body(holder, "Restored"), publish: false);

        await _app.Database.ScalarAsync<int>("UPDATE datasets SET title = title WHERE id = @id RETURNING id", ("id", id));

        Assert.Equal(etag, (await _app.Client().GetAsync($"/api/datasets/{id}")).Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(id, DatasetTestApp.Body(holder, "Restored, edited"), etag)).StatusCode);
    }

    [Fact]
    public async Task Two_PUTs_racing_with_one_ETag_give_exactly_one_200_one_412_and_one_history_row()
    {
        var holder = await _app.OrganisationAsync("Race holder");
        var (id, etag, _) = await _app.CreateAsync(DatasetTestApp.Body(holder, "Race"), publish: false);

        var responses = await Task.WhenAll(
            PutAsync(id, DatasetTestApp.Body(holder, "Race won by A"), etag),
            PutAsync(id, DatasetTestApp.Body(holder, "Race won by B"), etag));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], responses.Select(r => r.StatusCode).Order());
        Assert.Equal(1L, await _app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM dataset_changes WHERE dataset_id = @id AND action = 'updated'", ("id", id)));
        var winner = (string)JsonNode.Parse(await responses.Single(r => r.StatusCode == HttpStatusCode.OK).Content.ReadAsStringAsync())!["title"]!;
        Assert.Equal(winner, await _app.Database.ScalarAsync<string>("SELECT title FROM datasets WHERE id = @id", ("id", id)));
    }

    Task<HttpResponseMessage> PutAsync(int id, JsonObject body, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/datasets/{id}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return _app.Client().SendAsync(request);
    }
}
