using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Accounts;

namespace SeGeoCatalogue.Tests.Access;

public sealed class AuditLogTests(AccessFixture fixture) : IClassFixture<AccessFixture>
{
    [Fact]
    public async Task Sign_ins_that_succeed_and_fail_are_in_the_audit_log_with_the_email_tried()
    {
        var email = fixture.UniqueEmail("audited");
        await fixture.CreateUserAsync(email, Roles.Curator, null);
        await fixture.NewClient().PostAsJsonAsync("/api/account/sign-in", new { email, password = "a wrong password" });
        await fixture.SignInAsync(email);
        var curator = await fixture.SignInAsync(AccessFixture.AdminEmail);

        var entries = await EntriesAsync(curator, $"/api/audit?action=sign-in&user={Uri.EscapeDataString(email)}");

        Assert.Equal(["signed-in", "wrong-password"], entries.Select(e => (string)e["detail"]!["outcome"]!)); // newest first
        Assert.All(entries, e => Assert.Equal("/api/account/sign-in", (string)e["target"]!));
        Assert.Equal([401, 200], entries.Select(e => (int)e["detail"]!["status"]!).Reverse());
    }

    [Fact]
    public async Task Every_write_is_recorded_with_who_the_route_the_path_and_the_status_even_when_refused()
    {
        var organisation = await fixture.CreateOrganisationAsync("Audit org");
        var email = fixture.UniqueEmail("writer");
        await fixture.CreateUserAsync(email, Roles.Member, organisation);
        var id = await fixture.CreateDatasetAsync(organisation, "draft");
        var member = await fixture.SignInAsync(email);
        var curator = await fixture.SignInAsync(AccessFixture.AdminEmail);

        await member.PostAsync($"/api/datasets/{id}/submit", null);
        await member.PostAsJsonAsync($"/api/datasets/{id}/publish", new { visibility = "public" }); // refused: 403
        await curator.PostAsJsonAsync($"/api/datasets/{id}/publish", new { visibility = "network" });
        await fixture.NewClient().PostAsJsonAsync("/api/organisations", new { name = "Anonymous try", type = "ingo" }); // refused: 401

        var byMember = await EntriesAsync(curator, $"/api/audit?user={Uri.EscapeDataString(email)}");
        Assert.Equal(
            [("POST /api/datasets/{id:int}/publish", 403), ("POST /api/datasets/{id:int}/submit", 200), ("sign-in", 200)],
            byMember.Select(e => ((string)e["action"]!, (int)e["detail"]!["status"]!)));
        Assert.Equal($"/api/datasets/{id}/submit", (string)byMember[1]["target"]!);
        var byCurator = await EntriesAsync(curator, $"/api/audit?user={Uri.EscapeDataString(AccessFixture.AdminEmail)}&action={Uri.EscapeDataString("POST /api/datasets/{id:int}/publish")}");
        Assert.Equal(200, (int)Assert.Single(byCurator)["detail"]!["status"]!);
        var anonymous = await EntriesAsync(curator, "/api/audit?user=anonymous&action=" + Uri.EscapeDataString("POST /api/organisations"));
        Assert.Equal(401, (int)Assert.Single(anonymous)["detail"]!["status"]!);
    }

    [Fact]
    public async Task Only_curators_read_the_audit_log_and_reading_writes_no_line()
    {
        var organisation = await fixture.CreateOrganisationAsync("Audit org");
        var email = fixture.UniqueEmail("reader");
        await fixture.CreateUserAsync(email, Roles.Member, organisation);
        var member = await fixture.SignInAsync(email);
        var curator = await fixture.SignInAsync(AccessFixture.AdminEmail);
        var before = await fixture.App.ScalarAsync<long>("SELECT count(*) FROM audit_log");

        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.NewClient().GetAsync("/api/audit")).StatusCode);
        var page = await Json.ReadAsync(await curator.GetAsync("/api/audit?limit=2"));

        Assert.Equal(2, page["items"]!.AsArray().Count);
        Assert.Equal(before, (long)page["total"]!);
        Assert.Equal(before, await fixture.App.ScalarAsync<long>("SELECT count(*) FROM audit_log"));
    }

    static async Task<List<JsonNode>> EntriesAsync(HttpClient curator, string path)
    {
        var response = await curator.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Json.ReadAsync(response))["items"]!.AsArray().Select(e => e!).ToList();
    }
}
