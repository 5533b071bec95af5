using System.Net;
using System.Net.Http.Json;

namespace SeGeoCatalogue.Tests.Access;

public sealed class MembersAndOrganisationsTests(AccessFixture fixture) : IClassFixture<AccessFixture>
{
    [Fact]
    public async Task A_curator_creates_an_organisation_and_a_member_who_can_then_sign_in_as_a_member_of_it()
    {
        var curator = await fixture.SignInAsync(AccessFixture.AdminEmail);
        var created = await curator.PostAsJsonAsync("/api/organisations", new { name = "Karen Health Network", acronym = "KHN", type = "national-ngo" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var organisation = (int)(await Json.ReadAsync(created))["id"]!;
        var email = fixture.UniqueEmail("new");

        var member = await curator.PostAsJsonAsync("/api/members", new { email, name = "Naw Paw", password = "a good long passphrase", organisation_id = organisation });

        Assert.Equal(HttpStatusCode.Created, member.StatusCode);
        var me = await Json.ReadAsync(await (await fixture.SignInAsync(email, "a good long passphrase")).GetAsync("/api/account/me"));
        Assert.Equal(["member"], me["roles"]!.AsArray().Select(r => (string)r!));
        Assert.Equal("Karen Health Network", (string)me["organisation"]!["name"]!);
        var listed = await Json.ReadAsync(await curator.GetAsync($"/api/members?organisation={organisation}"));
        Assert.Equal(email, (string)listed["items"]![0]!["email"]!);
        Assert.Equal(1, (int)listed["total"]!);
    }

    [Fact]
    public async Task Bad_member_and_organisation_bodies_name_each_field_and_store_nothing()
    {
        var curator = await fixture.SignInAsync(AccessFixture.AdminEmail);
        var before = await fixture.App.ScalarAsync<long>("SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM organisations)");

        var member = await Json.ReadAsync(await curator.PostAsJsonAsync("/api/members", new { email = "not-an-email", name = "", password = "short", role = "admin" }));
        var organisation = await Json.ReadAsync(await curator.PostAsJsonAsync("/api/organisations", new { name = "", type = "club" }));

        Assert.Equal(["email", "name", "password", "role"], member["errors"]!.AsObject().Select(e => e.Key).Order());
        Assert.Equal(["name", "type"], organisation["errors"]!.AsObject().Select(e => e.Key).Order());
        Assert.Contains("un-agency", (string)organisation["errors"]!["type"]![0]!);
        Assert.Equal(before, await fixture.App.ScalarAsync<long>("SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM organisations)"));
    }

    [Fact]
    public async Task A_member_needs_an_active_organisation_and_emails_are_unique()
    {
        var curator = await fixture.SignInAsync(AccessFixture.AdminEmail);
        var organisation = await fixture.CreateOrganisationAsync("Closing");
        var email = fixture.UniqueEmail("dup");
        Assert.Equal(HttpStatusCode.Created, (await curator.PostAsJsonAsync("/api/members", new { email, name = "A", password = "a good long passphrase", organisation_id = organisation })).StatusCode);

        var duplicate = await curator.PostAsJsonAsync("/api/members", new { email = email.ToUpperInvariant(), name = "B", password = "a good long passphrase", organisation_id = organisation });
        var renamed = await curator.PutAsJsonAsync($"/api/organisations/{organisation}", new { name = "Closed", type = "ingo", active = false });
        var toInactive = await curator.PostAsJsonAsync("/api/members", new { email = fixture.UniqueEmail("late"), name = "C", password = "a good long passphrase", organisation_id = organisation });
        var noOrganisation = await curator.PostAsJsonAsync("/api/members", new { email = fixture.UniqueEmail("none"), name = "D", password = "a good long passphrase" });

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.False((bool)(await Json.ReadAsync(renamed))["active"]!);
        Assert.Equal(HttpStatusCode.BadRequest, toInactive.StatusCode);
        Assert.Contains("no active organisation", (string)(await Json.ReadAsync(toInactive))["errors"]!["organisation_id"]![0]!);
        Assert.Equal(HttpStatusCode.BadRequest, noOrganisation.StatusCode);
    }

    [Fact]
    public async Task A_reactivated_member_can_sign_in_again_and_a_curator_cannot_deactivate_themselves()
    {
        var organisation = await fixture.CreateOrganisationAsync("Back");
        var email = fixture.UniqueEmail("back");
        var user = await fixture.CreateUserAsync(email, SeGeoCatalogue.Accounts.Roles.Member, organisation);
        var curator = await fixture.SignInAsync(AccessFixture.AdminEmail);
        var self = (string)(await Json.ReadAsync(await curator.GetAsync("/api/account/me")))["id"]!;

        await curator.PostAsync($"/api/members/{user.Id}/deactivate", null);
        Assert.Equal(HttpStatusCode.OK, (await curator.PostAsync($"/api/members/{user.Id}/activate", null)).StatusCode);

        await fixture.SignInAsync(email); // asserts success
        Assert.Equal(HttpStatusCode.Conflict, (await curator.PostAsync($"/api/members/{self}/deactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await curator.PostAsync("/api/members/no-such-id/deactivate", null)).StatusCode);
    }
}
