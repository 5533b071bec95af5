using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Access;
using SeGeoCatalogue.Tests.Datasets;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Concurrency;

/// <summary>
/// Writes that race: whatever order PostgreSQL serialises them in, exactly one wins, the loser is told (409/412)
/// and history holds one row per step that happened. Each race runs several rounds so a lucky ordering cannot hide a bug.
/// </summary>
public sealed class ConcurrentWriteTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    const int Rounds = 6;
    readonly DatasetTestApp _app = new(fixture);

    [Fact]
    public async Task Two_curators_publishing_one_submission_at_once_publish_it_once()
    {
        var holder = await _app.OrganisationAsync("Publish race");
        for (var round = 0; round < Rounds; round++)
        {
            var id = await SubmittedAsync(holder, $"Publish race {round}");
            var curators = new[] { _app.Client("curator"), _app.Client("curator") };

            var responses = await Task.WhenAll(curators.Select((c, i) =>
                c.PostAsJsonAsync($"/api/datasets/{id}/publish", new { visibility = i == 0 ? "public" : "network" })));

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
            Assert.Equal(["submitted", "published"], await HistoryAsync(id));
            var winner = await Json.ReadAsync(responses.Single(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal((string)winner["visibility"]!, await _app.Database.ScalarAsync<string>("SELECT visibility FROM datasets WHERE id = @id", ("id", id)));
        }
    }

    [Fact]
    public async Task Publishing_and_returning_one_submission_at_once_leave_the_record_in_the_state_of_the_one_step_that_happened()
    {
        var holder = await _app.OrganisationAsync("Publish or return");
        for (var round = 0; round < Rounds; round++)
        {
            var id = await SubmittedAsync(holder, $"Publish or return {round}");

            var responses = await Task.WhenAll(
                _app.Client("curator").PostAsJsonAsync($"/api/datasets/{id}/publish", new { visibility = "public" }),
                _app.Client("curator").PostAsJsonAsync($"/api/datasets/{id}/return", new { comment = "Add the township list." }));

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
            var history = await HistoryAsync(id);
            Assert.Equal(2, history.Count);
            var expectedState = history[1] == "published" ? "published" : "draft";
            Assert.Equal(expectedState, await _app.Database.ScalarAsync<string>("SELECT curation_state FROM datasets WHERE id = @id", ("id", id)));
            Assert.Equal(responses[0].StatusCode == HttpStatusCode.OK ? "published" : "returned", history[1]);
        }
    }

    [Fact]
    public async Task A_members_edit_from_before_a_publish_is_refused_after_it_and_changes_nothing()
    {
        var holder = await _app.OrganisationAsync("Edit after publish");
        var member = _app.Client($"member:{holder}");
        var created = await member.PostAsJsonAsync("/api/datasets", DatasetTestApp.Body(holder, "Read before publish"));
        var id = (int)(await Json.ReadAsync(created))["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await member.PostAsync($"/api/datasets/{id}/submit", null)).StatusCode);
        var before = (await member.GetAsync($"/api/datasets/{id}")).Headers.ETag!.Tag;

        Assert.Equal(HttpStatusCode.OK, (await _app.Client("curator").PostAsJsonAsync($"/api/datasets/{id}/publish", new { visibility = "public" })).StatusCode);
        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/datasets/{id}") { Content = JsonContent.Create(DatasetTestApp.Body(holder, "Edited from a stale page")) };
        stale.Headers.TryAddWithoutValidation("If-Match", before);
        var response = await member.SendAsync(stale);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("Read before publish", await _app.Database.ScalarAsync<string>("SELECT title FROM datasets WHERE id = @id", ("id", id)));
        Assert.Equal(["submitted", "published"], (await HistoryAsync(id)).Where(a => a != "created").ToList());
    }

    [Fact]
    public async Task Two_deletes_with_one_ETag_delete_once()
    {
        var holder = await _app.OrganisationAsync("Delete race");
        for (var round = 0; round < Rounds; round++)
        {
            var (id, etag, _) = await _app.CreateAsync(DatasetTestApp.Body(holder, $"Delete race {round}"), publish: false);

            var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            {
                var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/datasets/{id}");
                request.Headers.TryAddWithoutValidation("If-Match", etag);
                return _app.Client("curator").SendAsync(request);
            }));

            Assert.Single(responses, r => r.IsSuccessStatusCode);
            Assert.Single(responses, r => r.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound);
            Assert.Equal(1L, await _app.Database.ScalarAsync<long>(
                "SELECT count(*) FROM dataset_changes WHERE dataset_id = @id AND action = 'deleted'", ("id", id)));
        }
    }

    [Fact]
    public async Task Parallel_creates_without_a_key_each_store_their_own_record_with_their_own_links()
    {
        var holder = await _app.OrganisationAsync("Parallel creates");
        var pcodes = new[] { "MMR011001", "MMR011002", "MMR011003", "MMR003001", "MMR003002", "MMR006001", "MMR002001", "MMR014001" };

        var responses = await Task.WhenAll(pcodes.Select(p => _app.Client("curator").PostAsJsonAsync("/api/datasets",
            DatasetTestApp.Body(holder, $"Parallel {p}", new JsonObject { ["pcodes"] = new JsonArray(p) }))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        foreach (var p in pcodes)
            Assert.Equal(p, await _app.Database.ScalarAsync<string>("""
                SELECT string_agg(l.pcode, ',') FROM dataset_links l JOIN datasets d ON d.id = l.dataset_id
                WHERE d.holder_id = @holder AND d.title = @title
                """, ("holder", holder), ("title", $"Parallel {p}")));
    }

    async Task<int> SubmittedAsync(int holder, string title)
    {
        var member = _app.Client($"member:{holder}");
        var created = await member.PostAsJsonAsync("/api/datasets", DatasetTestApp.Body(holder, title));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (int)(await Json.ReadAsync(created))["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await member.PostAsync($"/api/datasets/{id}/submit", null)).StatusCode);
        return id;
    }

    /// <summary>The curation steps of a record, oldest first (creation and edits left out).</summary>
    async Task<List<string>> HistoryAsync(int id) =>
        [.. (await _app.Database.ScalarAsync<string>("""
            SELECT coalesce(string_agg(action, ',' ORDER BY id), '') FROM dataset_changes
            WHERE dataset_id = @id AND action IN ('submitted', 'published', 'returned')
            """, ("id", id))).Split(',', StringSplitOptions.RemoveEmptyEntries)];
}
