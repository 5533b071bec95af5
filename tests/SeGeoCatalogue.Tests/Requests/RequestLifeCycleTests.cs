using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Access;

namespace SeGeoCatalogue.Tests.Requests;

public sealed class RequestLifeCycleTests(RequestsFixture fixture) : IClassFixture<RequestsFixture>
{
    async Task<(Person Requester, Person Holder, int Record)> SceneAsync()
    {
        var (a, b) = (await fixture.CreateOrganisationAsync("A"), await fixture.CreateOrganisationAsync("B"));
        var record = await fixture.CreateDatasetAsync(b, "published", "network", "Village WASH survey", availability: "on-request");
        return (await fixture.MemberAsync(a, "requester"), await fixture.MemberAsync(b, "holder"), record);
    }

    static string[] Actions(JsonNode request) => request["steps"]!.AsArray().Select(s => (string)s!["action"]!).ToArray();

    [Fact]
    public async Task A_declined_request_carries_the_holders_message_to_the_requester_and_each_step_is_history_on_both_sides()
    {
        var (requester, holder, record) = await SceneAsync();
        var created = await requester.RequestAsync(record);
        Assert.Equal(201, (int)created.StatusCode);
        var id = (int)(await Json.ReadAsync(created))["id"]!;
        Assert.Equal($"/api/requests/{id}", created.Headers.Location?.OriginalString);

        var noReason = await holder.Client.PostAsJsonAsync($"/api/requests/{id}/answer", new { decision = "decline" });
        Assert.Equal(400, (int)noReason.StatusCode);
        Assert.NotNull((await Json.ReadAsync(noReason))["errors"]!["message"]);

        var declined = await holder.Client.PostAsJsonAsync($"/api/requests/{id}/answer",
            new { decision = "decline", message = "The survey holds names; ask for the township tables instead." });
        Assert.Equal(200, (int)declined.StatusCode);

        var seen = await requester.GetAsync($"/api/requests/{id}");
        Assert.Equal("declined", (string)seen["state"]!);
        Assert.Equal("The survey holds names; ask for the township tables instead.", (string)seen["answer_message"]!);
        Assert.Equal("Village WASH survey", (string)seen["dataset"]!["title"]!);
        Assert.Equal(["created", "declined"], Actions(seen));
        Assert.Equal([requester.Email, holder.Email], seen["steps"]!.AsArray().Select(s => (string)s!["by"]!));

        Assert.Equal(200, (int)(await requester.Client.PostAsJsonAsync($"/api/requests/{id}/close", new { message = "Thanks, understood." })).StatusCode);
        var closed = await holder.GetAsync($"/api/requests/{id}");
        Assert.Equal("closed", (string)closed["state"]!);
        Assert.Equal(["created", "declined", "closed"], Actions(closed));
        Assert.Equal("Thanks, understood.", (string)closed["steps"]![2]!["message"]!);
    }

    [Fact]
    public async Task A_granted_request_shows_the_link_and_note_and_cannot_be_answered_or_withdrawn_again()
    {
        var (requester, holder, record) = await SceneAsync();
        var id = await requester.RequestIdAsync(record);

        var granted = await holder.Client.PostAsJsonAsync($"/api/requests/{id}/answer",
            new { decision = "grant", message = "We will send the tables by email this week.", link = "https://share.example.org/wash-2025" });
        Assert.Equal(200, (int)granted.StatusCode);
        var again = await holder.Client.PostAsJsonAsync($"/api/requests/{id}/answer", new { decision = "decline", message = "changed my mind" });
        var withdraw = await requester.Client.PostAsJsonAsync($"/api/requests/{id}/withdraw", new { });

        Assert.Equal(409, (int)again.StatusCode);
        Assert.Contains("is granted", (string)(await Json.ReadAsync(again))["detail"]!);
        Assert.Equal(409, (int)withdraw.StatusCode);
        var seen = await requester.GetAsync($"/api/requests/{id}");
        Assert.Equal("granted", (string)seen["state"]!);
        Assert.Equal("We will send the tables by email this week.", (string)seen["answer_message"]!);
        Assert.Equal("https://share.example.org/wash-2025", (string)seen["share_link"]!);
        Assert.Equal(["created", "granted"], Actions(seen));
        Assert.Contains(id, await requester.IdsAsync("/api/requests/mine?state=granted"));
        Assert.Contains(id, await holder.IdsAsync("/api/requests/inbox?state=answered"));
        Assert.DoesNotContain(id, await holder.IdsAsync("/api/requests/inbox?state=open"));
        Assert.Equal([id], await holder.IdsAsync($"/api/requests/inbox?dataset_id={record}"));
        Assert.Empty(await holder.IdsAsync($"/api/requests/inbox?dataset_id={record + 1000}"));
    }

    [Fact]
    public async Task The_requester_withdraws_an_open_request_and_the_holder_can_no_longer_answer_it()
    {
        var (requester, holder, record) = await SceneAsync();
        var id = await requester.RequestIdAsync(record);

        Assert.Equal(200, (int)(await requester.Client.PostAsJsonAsync($"/api/requests/{id}/withdraw", new { message = "Found it elsewhere" })).StatusCode);
        var answer = await holder.Client.PostAsJsonAsync($"/api/requests/{id}/answer", new { decision = "grant" });

        Assert.Equal(409, (int)answer.StatusCode);
        var seen = await holder.GetAsync($"/api/requests/{id}");
        Assert.Equal("withdrawn", (string)seen["state"]!);
        Assert.Equal(["created", "withdrawn"], Actions(seen));
        // Withdrawn, the record can be asked for again.
        Assert.Equal(201, (int)(await requester.RequestAsync(record)).StatusCode);
        Assert.Equal(409, (int)(await requester.RequestAsync(record)).StatusCode);
    }

    [Fact]
    public async Task Bad_input_names_each_field_and_stores_nothing()
    {
        var (requester, holder, record) = await SceneAsync();

        var empty = await requester.Client.PostAsJsonAsync("/api/requests", new { purpose = " ", units_needed = new string('x', 2001) });
        var badDecision = await holder.Client.PostAsJsonAsync("/api/requests/1/answer", new { decision = "maybe" });
        var badState = await holder.Client.GetAsync("/api/requests/inbox?state=pending");
        var missing = await requester.Client.PostAsJsonAsync("/api/requests", RequestsFixture.Body(987654));

        Assert.Equal(400, (int)empty.StatusCode);
        var errors = (await Json.ReadAsync(empty))["errors"]!.AsObject().Select(e => e.Key).Order().ToArray();
        Assert.Equal(["contact", "dataset_id", "organisation", "purpose", "units_needed"], errors);
        Assert.Equal(400, (int)badDecision.StatusCode);
        Assert.Contains("grant or decline", (string)(await Json.ReadAsync(badDecision))["errors"]!["decision"]![0]!);
        Assert.Equal(400, (int)badState.StatusCode);
        Assert.NotNull((await Json.ReadAsync(badState))["errors"]!["state"]);
        Assert.Equal(404, (int)missing.StatusCode);
        Assert.Contains("dataset_id", (string)(await Json.ReadAsync(missing))["detail"]!);
        Assert.Equal(0L, await fixture.App.ScalarAsync<long>("SELECT count(*) FROM data_requests WHERE requester_id = @id", ("id", requester.UserId)));
    }

    [Fact]
    public async Task A_cookie_write_without_the_antiforgery_header_is_refused_and_stores_nothing()
    {
        var (a, b) = (await fixture.CreateOrganisationAsync("A"), await fixture.CreateOrganisationAsync("B"));
        var record = await fixture.CreateDatasetAsync(b, "published", "network", availability: "on-request");
        var email = fixture.UniqueEmail("forged");
        await fixture.CreateUserAsync(email, SeGeoCatalogue.Accounts.Roles.Member, a);
        var client = await fixture.SignInAsync(email, antiforgery: false);

        var response = await client.PostAsJsonAsync("/api/requests", RequestsFixture.Body(record));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("X-CSRF-TOKEN", (string)(await Json.ReadAsync(response))["detail"]!);
        Assert.Equal(0L, await fixture.App.ScalarAsync<long>("SELECT count(*) FROM data_requests WHERE dataset_id = @id", ("id", record)));
    }

    [Fact]
    public async Task Creating_requests_is_limited_per_account_and_another_account_is_not_held_back()
    {
        var (a, b) = (await fixture.CreateOrganisationAsync("A"), await fixture.CreateOrganisationAsync("B"));
        var records = new List<int>();
        for (var i = 0; i < RequestsFixture.CreatePerHour + 1; i++)
            records.Add(await fixture.CreateDatasetAsync(b, "published", "network", availability: "on-request"));
        var busy = await fixture.MemberAsync(a, "busy");
        var other = await fixture.MemberAsync(a, "other");

        var statuses = new List<int>();
        foreach (var record in records) statuses.Add((int)(await busy.RequestAsync(record)).StatusCode);

        Assert.Equal([201, 201, 201, 201, 201, 429], statuses);
        var last = await busy.RequestAsync(records[^1]);
        Assert.Equal(429, (int)last.StatusCode);
        Assert.NotNull(last.Headers.RetryAfter);
        Assert.Contains("5 requests within the hour", (string)(await Json.ReadAsync(last))["detail"]!);
        Assert.Equal(201, (int)(await other.RequestAsync(records[^1])).StatusCode);
        Assert.Equal(5L, await fixture.App.ScalarAsync<long>("SELECT count(*) FROM data_requests WHERE requester_id = @id", ("id", busy.UserId)));
    }

    [Fact]
    public async Task Without_smtp_each_step_leaves_a_notification_for_the_other_side_written_with_the_step()
    {
        var (requester, holder, record) = await SceneAsync();
        var colleagueOfHolder = await fixture.MemberAsync(
            await fixture.App.ScalarAsync<int>("SELECT holder_id FROM datasets WHERE id = @id", ("id", record)), "holder2");
        var id = await requester.RequestIdAsync(record);

        foreach (var person in new[] { holder, colleagueOfHolder })
        {
            var items = (await person.GetAsync("/api/requests/notifications"))["items"]!.AsArray();
            var note = Assert.Single(items);
            Assert.Equal(id, (int)note!["request_id"]!);
            Assert.Equal("pending", (string)note["delivery"]!);
            Assert.Contains("Village WASH survey", (string)note["subject"]!);
            Assert.Contains("Targeting a WASH response in 2027", (string)note["body"]!);
        }
        Assert.Empty((await requester.GetAsync("/api/requests/notifications"))["items"]!.AsArray());

        await holder.Client.PostAsJsonAsync($"/api/requests/{id}/answer", new { decision = "grant", message = "Tables follow by email." });
        var toRequester = Assert.Single((await requester.GetAsync("/api/requests/notifications"))["items"]!.AsArray());
        Assert.Contains("granted", (string)toRequester!["subject"]!);
        Assert.Contains("Tables follow by email.", (string)toRequester["body"]!);

        // A refused step writes no notification.
        await holder.Client.PostAsJsonAsync($"/api/requests/{id}/answer", new { decision = "grant" });
        Assert.Single((await requester.GetAsync("/api/requests/notifications"))["items"]!.AsArray());
        Assert.Equal(3L, await fixture.App.ScalarAsync<long>("SELECT count(*) FROM mail_outbox WHERE request_id = @id AND sent_at IS NULL", ("id", id)));
    }

    [Fact]
    public async Task Every_step_is_an_audit_entry_naming_the_request()
    {
        var (requester, holder, record) = await SceneAsync();
        var id = await requester.RequestIdAsync(record);
        await holder.Client.PostAsJsonAsync($"/api/requests/{id}/answer", new { decision = "grant" });

        var actions = new List<string>();
        await using (var cmd = fixture.App.DataSource.CreateCommand("SELECT action FROM audit_log WHERE (detail->>'request_id')::int = @id ORDER BY id"))
        {
            cmd.Parameters.AddWithValue("id", id);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) actions.Add(reader.GetString(0));
        }
        Assert.Equal(["POST /api/requests", "POST /api/requests/{id:int}/answer"], actions);
    }
}
