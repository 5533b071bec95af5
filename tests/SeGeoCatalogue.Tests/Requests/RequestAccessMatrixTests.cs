using System.Net.Http.Json;
using SeGeoCatalogue.Tests.Access;

namespace SeGeoCatalogue.Tests.Requests;

/// <summary>
/// Who may create, see and act on a request, written out as tables. Organisation B holds the records; A and C are
/// other members; the public is not signed in.
/// </summary>
public sealed class RequestAccessMatrixTests(RequestsFixture fixture) : IClassFixture<RequestsFixture>
{
    [Fact]
    public async Task Who_may_request_which_record_follows_the_visibility_rule_and_the_availability()
    {
        var (a, b, c) = (await fixture.CreateOrganisationAsync("A"), await fixture.CreateOrganisationAsync("B"), await fixture.CreateOrganisationAsync("C"));
        var records = new Dictionary<string, int>
        {
            ["on-request network"] = await fixture.CreateDatasetAsync(b, "published", "network", availability: "on-request"),
            ["members public"] = await fixture.CreateDatasetAsync(b, "published", "public", availability: "members"),
            ["on-request private"] = await fixture.CreateDatasetAsync(b, "published", "private", availability: "on-request"),
            ["on-request draft"] = await fixture.CreateDatasetAsync(b, "draft", "network", availability: "on-request"),
            ["not-available network"] = await fixture.CreateDatasetAsync(b, "published", "network", availability: "not-available"),
            ["public data"] = await fixture.CreateDatasetAsync(b, "published", "public", availability: "public"),
        };
        var people = new Dictionary<string, HttpClient>
        {
            ["public"] = fixture.NewClient(),
            ["member of A"] = (await fixture.MemberAsync(a)).Client,
            ["member of B (holder)"] = (await fixture.MemberAsync(b)).Client,
            ["member of C"] = (await fixture.MemberAsync(c)).Client,
            ["curator"] = (await fixture.CuratorAsync()).Client,
        };
        // 201 created; 401 not signed in; 404 a record they cannot see; 409 nothing to request (not available, public, own).
        var expected = new Dictionary<(string Who, string Record), int>
        {
            [("public", "on-request network")] = 401, [("public", "members public")] = 401, [("public", "on-request private")] = 401,
            [("public", "on-request draft")] = 401, [("public", "not-available network")] = 401, [("public", "public data")] = 401,

            [("member of A", "on-request network")] = 201, [("member of A", "members public")] = 201, [("member of A", "on-request private")] = 404,
            [("member of A", "on-request draft")] = 404, [("member of A", "not-available network")] = 409, [("member of A", "public data")] = 409,

            [("member of B (holder)", "on-request network")] = 409, [("member of B (holder)", "members public")] = 409, [("member of B (holder)", "on-request private")] = 409,
            [("member of B (holder)", "on-request draft")] = 409, [("member of B (holder)", "not-available network")] = 409, [("member of B (holder)", "public data")] = 409,

            [("member of C", "on-request network")] = 201, [("member of C", "members public")] = 201, [("member of C", "on-request private")] = 404,
            [("member of C", "on-request draft")] = 404, [("member of C", "not-available network")] = 409, [("member of C", "public data")] = 409,

            [("curator", "on-request network")] = 201, [("curator", "members public")] = 201, [("curator", "on-request private")] = 201,
            [("curator", "on-request draft")] = 201, [("curator", "not-available network")] = 409, [("curator", "public data")] = 409,
        };

        var actual = new Dictionary<(string, string), int>();
        foreach (var (who, client) in people)
            foreach (var (record, id) in records)
                actual[(who, record)] = (int)(await client.PostAsJsonAsync("/api/requests", RequestsFixture.Body(id))).StatusCode;

        Assert.Equal(expected.OrderBy(e => e.Key).ToList(), actual.OrderBy(e => e.Key).ToList());
    }

    [Fact]
    public async Task A_record_that_is_not_available_answers_with_whom_to_talk_to_instead()
    {
        var (a, b) = (await fixture.CreateOrganisationAsync("A"), await fixture.CreateOrganisationAsync("Holder B"));
        var record = await fixture.CreateDatasetAsync(b, "published", "network", availability: "not-available");
        var requester = await fixture.MemberAsync(a);

        var response = await requester.RequestAsync(record);

        Assert.Equal(409, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = (string)(await Json.ReadAsync(response))["detail"]!;
        Assert.Contains("not available", detail);
        Assert.Contains("Talk to Holder B", detail);
        Assert.Equal(0L, await fixture.App.ScalarAsync<long>("SELECT count(*) FROM data_requests WHERE dataset_id = @id", ("id", record)));
    }

    [Fact]
    public async Task Who_sees_and_acts_on_a_request_of_a_member_of_A_for_a_record_of_B()
    {
        var (a, b, c) = (await fixture.CreateOrganisationAsync("A"), await fixture.CreateOrganisationAsync("B"), await fixture.CreateOrganisationAsync("C"));
        var record = await fixture.CreateDatasetAsync(b, "published", "network", availability: "on-request");
        var requester = await fixture.MemberAsync(a, "requester");
        var colleague = await fixture.MemberAsync(a, "colleague");
        var holder = await fixture.MemberAsync(b, "holder");
        var outsider = await fixture.MemberAsync(c, "outsider");
        var curator = await fixture.CuratorAsync();
        var anonymous = fixture.NewClient();
        var id = await requester.RequestIdAsync(record);

        // who → (GET one, in the inbox, in my requests)
        var sees = new Dictionary<string, (int Get, bool Inbox, bool Mine)>
        {
            ["requester"] = (200, false, true),
            ["colleague of the requester"] = (404, false, false),
            ["member of the holder"] = (200, true, false),
            ["member of another organisation"] = (404, false, false),
            ["curator"] = (200, true, false),
        };
        var clients = new Dictionary<string, Person>
        {
            ["requester"] = requester, ["colleague of the requester"] = colleague, ["member of the holder"] = holder,
            ["member of another organisation"] = outsider, ["curator"] = curator,
        };
        var actual = new Dictionary<string, (int, bool, bool)>();
        foreach (var (who, person) in clients)
            actual[who] = ((int)(await person.Client.GetAsync($"/api/requests/{id}")).StatusCode,
                (await person.IdsAsync("/api/requests/inbox?limit=200")).Contains(id),
                (await person.IdsAsync("/api/requests/mine?limit=200")).Contains(id));
        Assert.Equal(sees.OrderBy(s => s.Key).ToList(), actual.OrderBy(s => s.Key).ToList());

        // The public sees nothing at all.
        foreach (var url in new[] { $"/api/requests/{id}", "/api/requests/inbox", "/api/requests/mine", "/api/requests/notifications", "/api/requests/summary" })
            Assert.Equal(401, (int)(await anonymous.GetAsync(url)).StatusCode);

        // Steps (each refused attempt changes nothing): answering is the holder's side, withdrawing the requester's.
        var grant = new { decision = "grant", message = "Shared by email" };
        var refused = new Dictionary<string, int>
        {
            ["requester answers"] = (int)(await requester.Client.PostAsJsonAsync($"/api/requests/{id}/answer", grant)).StatusCode,
            ["colleague answers"] = (int)(await colleague.Client.PostAsJsonAsync($"/api/requests/{id}/answer", grant)).StatusCode,
            ["outsider answers"] = (int)(await outsider.Client.PostAsJsonAsync($"/api/requests/{id}/answer", grant)).StatusCode,
            ["public answers"] = (int)(await anonymous.PostAsJsonAsync($"/api/requests/{id}/answer", grant)).StatusCode,
            ["holder withdraws"] = (int)(await holder.Client.PostAsJsonAsync($"/api/requests/{id}/withdraw", new { })).StatusCode,
            ["curator withdraws"] = (int)(await curator.Client.PostAsJsonAsync($"/api/requests/{id}/withdraw", new { })).StatusCode,
            ["colleague withdraws"] = (int)(await colleague.Client.PostAsJsonAsync($"/api/requests/{id}/withdraw", new { })).StatusCode,
        };
        Assert.Equal(new Dictionary<string, int>
        {
            ["requester answers"] = 403, ["colleague answers"] = 404, ["outsider answers"] = 404, ["public answers"] = 401,
            ["holder withdraws"] = 403, ["curator withdraws"] = 403, ["colleague withdraws"] = 404,
        }.OrderBy(r => r.Key).ToList(), refused.OrderBy(r => r.Key).ToList());
        Assert.Equal("open", await fixture.App.ScalarAsync<string>("SELECT state FROM data_requests WHERE id = @id", ("id", id)));
        Assert.Equal(1L, await fixture.App.ScalarAsync<long>("SELECT count(*) FROM data_request_steps WHERE request_id = @id", ("id", id)));

        Assert.Equal(200, (int)(await holder.Client.PostAsJsonAsync($"/api/requests/{id}/answer", grant)).StatusCode);
        // A curator answers any organisation's request.
        var second = await requester.RequestIdAsync(await fixture.CreateDatasetAsync(c, "published", "network", availability: "on-request"));
        Assert.Equal(200, (int)(await curator.Client.PostAsJsonAsync($"/api/requests/{second}/answer", new { decision = "decline", message = "Ask C directly." })).StatusCode);
    }
}
