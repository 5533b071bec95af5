using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Accounts;
using SeGeoCatalogue.Tests.Datasets;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Access;

/// <summary>
/// Visibility is the curator's decision: a member never sets it, and a member's edit of a published record takes
/// it out of view (back to submitted) until a curator publishes it again. Curators' edits keep the state.
/// </summary>
public sealed class PublishedEditTests(AccessFixture fixture) : IClassFixture<AccessFixture>
{
    public static TheoryData<string, string, string> Cases()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var role in new[] { "anonymous", "other-member", "holder-member", "curator" })
            foreach (var visibility in new[] { "public", "network", "private" })
                foreach (var state in new[] { "draft", "submitted", "published" })
                    cases.Add(role, visibility, state);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_PUT_that_asks_for_public_visibility_follows_the_curation_rule(string role, string visibility, string state)
    {
        var holder = await fixture.CreateOrganisationAsync("Holder");
        var other = await fixture.CreateOrganisationAsync("Other");
        var id = await fixture.CreateDatasetAsync(holder, state, visibility, title: "Before");
        var client = await ClientAsync(role, holder, other);
        var body = DatasetTestApp.Body(holder, "After");
        body["visibility"] = "public";

        var response = await PutAsync(client, id, body);

        // The rule, stated independently of the service.
        var otherSees = state == "published" && visibility is "public" or "network";
        var expected = role switch
        {
            "anonymous" => HttpStatusCode.Unauthorized,
            "other-member" => otherSees ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound,
            "holder-member" => visibility == "public" ? HttpStatusCode.OK : HttpStatusCode.BadRequest,
            _ => HttpStatusCode.OK,
        };
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{role} PUT on a {state} {visibility} record: expected {expected}, got {(int)response.StatusCode} {text}");
        if (expected == HttpStatusCode.BadRequest)
            Assert.Contains("curator", (string)JsonNode.Parse(text)!["errors"]!["visibility"]![0]!);

        var stored = await StoredAsync(id);
        if (expected != HttpStatusCode.OK)
        {
            Assert.Equal(("Before", state, visibility), stored);
            return;
        }
        var expectedState = role == "holder-member" && state == "published" ? "submitted" : state;
        var expectedVisibility = role == "curator" ? "public" : visibility;
        Assert.Equal(("After", expectedState, expectedVisibility), stored);
        var anonymousRead = await fixture.NewClient().GetAsync($"/api/datasets/{id}");
        var publicNow = expectedState == "published" && expectedVisibility == "public";
        Assert.Equal(publicNow ? HttpStatusCode.OK : HttpStatusCode.NotFound, anonymousRead.StatusCode);
    }

    [Theory]
    [InlineData("public")]
    [InlineData("network")]
    [InlineData("private")]
    public async Task A_members_new_content_on_a_published_record_waits_for_a_curator_out_of_view(string visibility)
    {
        var holder = await fixture.CreateOrganisationAsync("Holder");
        var id = await fixture.CreateDatasetAsync(holder, "published", visibility, title: "Before");
        var member = await ClientAsync("holder-member", holder, holder);
        var networkReader = await ClientAsync("other-member", holder, await fixture.CreateOrganisationAsync("Reader"));

        var response = await PutAsync(member, id, DatasetTestApp.Body(holder, "After")); // no visibility in the body

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("After", "submitted", visibility), await StoredAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.NewClient().GetAsync($"/api/datasets/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await networkReader.GetAsync($"/api/datasets/{id}")).StatusCode);
        var history = JsonNode.Parse(await (await ClientAsync("curator", holder, holder)).GetStringAsync($"/api/datasets/{id}/history"))!.AsArray();
        Assert.Contains(history[0]!["changes"]!.AsArray(), c => (string)c!["field"]! == "curation_state"
            && (string)c["old"]! == "Published" && (string)c["new"]! == "Submitted for review");
    }

    HttpClient? _curator;

    async Task<HttpClient> ClientAsync(string role, int holder, int other)
    {
        var client = fixture.NewClient();
        var token = role switch
        {
            "anonymous" => null,
            "other-member" => await TestAccounts.TokenAsync(fixture.App.Services, Roles.Member, other),
            "holder-member" => await TestAccounts.TokenAsync(fixture.App.Services, Roles.Member, holder),
            _ => await TestAccounts.TokenAsync(fixture.App.Services, Roles.Curator, null),
        };
        if (token is not null) client.Authorize(token);
        return client;
    }

    async Task<HttpResponseMessage> PutAsync(HttpClient client, int id, JsonObject body)
    {
        _curator ??= await ClientAsync("curator", 0, 0);
        var etag = (await _curator.GetAsync($"/api/datasets/{id}")).Headers.ETag!.Tag;
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/datasets/{id}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(request);
    }

    async Task<(string, string, string)> StoredAsync(int id)
    {
        var row = await fixture.App.ScalarAsync<string>(
            "SELECT concat_ws('|', title, curation_state, visibility) FROM datasets WHERE id = @id", ("id", id));
        var parts = row.Split('|');
        return (parts[0], parts[1], parts[2]);
    }
}
