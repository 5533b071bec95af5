using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SeGeoCatalogue.Accounts;
using SeGeoCatalogue.Data;

namespace SeGeoCatalogue.Tests.Access;

public sealed class CurationTests(AccessFixture fixture) : IClassFixture<AccessFixture>
{
    [Fact]
    public async Task Submit_then_publish_moves_a_draft_to_published_with_the_chosen_visibility_and_writes_each_step_to_history()
    {
        var organisation = await fixture.CreateOrganisationAsync("Holder");
        var email = fixture.UniqueEmail("member");
        await fixture.CreateUserAsync(email, Roles.Member, organisation);
        var id = await fixture.CreateDatasetAsync(organisation, "draft", "network");
        var member = await fixture.SignInAsync(email);
        var curator = await fixture.SignInAsync(AccessFixture.AdminEmail);

        Assert.Equal(HttpStatusCode.OK, (await member.PostAsync($"/api/datasets/{id}/submit", null)).StatusCode);
        var queue = await Json.ReadAsync(await curator.GetAsync("/api/review?limit=500"));
        Assert.Contains(id, queue["items"]!.AsArray().Select(i => (int)i!["id"]!));
        var published = await curator.PostAsJsonAsync($"/api/datasets/{id}/publish", new { visibility = "public" });

        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var body = await Json.ReadAsync(published);
        Assert.Equal("published", (string)body["curation_state"]!);
        Assert.Equal("public", (string)body["visibility"]!);
        var history = await HistoryAsync(id);
        Assert.Equal(["submitted", "published"], history.Select(h => h.Action));
        Assert.Equal([email, AccessFixture.AdminEmail], history.Select(h => h.ChangedBy));
        var publishChanges = JsonNode.Parse(history[1].Changes)!.AsArray();
        Assert.Contains(publishChanges, c => (string)c!["field"]! == "curation_state" && (string)c["old"]! == "submitted" && (string)c["new"]! == "published");
        Assert.Contains(publishChanges, c => (string)c!["field"]! == "visibility" && (string)c["old"]! == "network" && (string)c["new"]! == "public");
        Assert.DoesNotContain(id, (await Json.ReadAsync(await curator.GetAsync("/api/review?limit=500")))["items"]!.AsArray().Select(i => (int)i!["id"]!));
    }

    [Fact]
    public async Task Returning_a_submission_takes_it_back_to_draft_with_the_curators_comment_in_history()
    {
        var organisation = await fixture.CreateOrganisationAsync("Holder");
        var id = await fixture.CreateDatasetAsync(organisation, "submitted");
        var curator = await fixture.SignInAsync(AccessFixture.AdminEmail);

        var noComment = await curator.PostAsJsonAsync($"/api/datasets/{id}/return", new { comment = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noComment.StatusCode);
        Assert.NotNull((await Json.ReadAsync(noComment))["errors"]!["comment"]);

        var returned = await curator.PostAsJsonAsync($"/api/datasets/{id}/return", new { comment = "Add the township list, please." });

        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        Assert.Equal("draft", await fixture.App.ScalarAsync<string>("SELECT curation_state FROM datasets WHERE id = @id", ("id", id)));
        var step = Assert.Single(await HistoryAsync(id));
        Assert.Equal("returned", step.Action);
        Assert.Equal("Add the township list, please.", step.Comment);
    }

    [Fact]
    public async Task Steps_from_the_wrong_state_or_with_an_unknown_visibility_are_refused_and_store_nothing()
    {
        var organisation = await fixture.CreateOrganisationAsync("Holder");
        var draft = await fixture.CreateDatasetAsync(organisation, "draft");
        var submitted = await fixture.CreateDatasetAsync(organisation, "submitted");
        var curator = await fixture.SignInAsync(AccessFixture.AdminEmail);

        var publishDraft = await curator.PostAsJsonAsync($"/api/datasets/{draft}/publish", new { visibility = "public" });
        var resubmit = await curator.PostAsync($"/api/datasets/{submitted}/submit", null);
        var badVisibility = await curator.PostAsJsonAsync($"/api/datasets/{submitted}/publish", new { visibility = "everyone" });
        var missing = await curator.PostAsync("/api/datasets/987654/submit", null);

        Assert.Equal(HttpStatusCode.Conflict, publishDraft.StatusCode);
        Assert.Contains("only a submitted record", (string)(await Json.ReadAsync(publishDraft))["detail"]!);
        Assert.Equal(HttpStatusCode.Conflict, resubmit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badVisibility.StatusCode);
        Assert.Contains("network", (string)(await Json.ReadAsync(badVisibility))["errors"]!["visibility"]![0]!);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Empty(await HistoryAsync(draft));
        Assert.Empty(await HistoryAsync(submitted));
    }

    [Fact]
    public async Task The_review_queue_is_for_curators_only()
    {
        var organisation = await fixture.CreateOrganisationAsync("Holder");
        var email = fixture.UniqueEmail("member");
        await fixture.CreateUserAsync(email, Roles.Member, organisation);

        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.NewClient().GetAsync("/api/review")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await fixture.SignInAsync(email)).GetAsync("/api/review")).StatusCode);
    }

    async Task<List<SeGeoCatalogue.Datasets.DatasetChange>> HistoryAsync(int id)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogueDb>().DatasetChanges.AsNoTracking()
            .Where(c => c.DatasetId == id).OrderBy(c => c.Id).ToListAsync();
    }
}
