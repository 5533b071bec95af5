using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using SeGeoCatalogue.Accounts;

namespace SeGeoCatalogue.Tests.Access;

public sealed class ApiTokenTests(AccessFixture fixture) : IClassFixture<AccessFixture>
{
    [Fact]
    public async Task A_token_is_shown_once_stored_as_its_SHA256_works_as_bearer_and_stops_working_when_revoked()
    {
        var organisation = await fixture.CreateOrganisationAsync("Token org");
        var email = fixture.UniqueEmail("scripter");
        await fixture.CreateUserAsync(email, Roles.Member, organisation);
        var session = await fixture.SignInAsync(email);

        var created = await session.PostAsJsonAsync("/api/account/tokens", new { name = "nightly export" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await Json.ReadAsync(created);
        var token = (string)body["token"]!;
        var id = (long)body["id"]!;

        var stored = await fixture.App.ScalarAsync<byte[]>("SELECT hash FROM api_tokens WHERE id = @id", ("id", id));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), stored);
        var listed = await session.GetStringAsync("/api/account/tokens");
        Assert.Contains("nightly export", listed);
        Assert.DoesNotContain(token, listed);

        var script = fixture.NewClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var me = await Json.ReadAsync(await script.GetAsync("/api/account/me"));
        Assert.Equal(email, (string)me["email"]!);
        Assert.Equal(organisation, (int)me["organisation"]!["id"]!);

        Assert.Equal(HttpStatusCode.NoContent, (await session.DeleteAsync($"/api/account/tokens/{id}")).StatusCode);
        var afterRevoke = await script.GetAsync("/api/account/tokens");
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Equal("application/problem+json", afterRevoke.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await session.DeleteAsync($"/api/account/tokens/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_made_up_token_is_a_401_and_a_member_cannot_revoke_someone_elses_token()
    {
        var organisation = await fixture.CreateOrganisationAsync("Token org");
        var owner = fixture.UniqueEmail("owner");
        var other = fixture.UniqueEmail("other");
        await fixture.CreateUserAsync(owner, Roles.Member, organisation);
        await fixture.CreateUserAsync(other, Roles.Member, organisation);
        var id = (long)(await Json.ReadAsync(await (await fixture.SignInAsync(owner)).PostAsJsonAsync("/api/account/tokens", new { name = "mine" })))["id"]!;

        var forged = fixture.NewClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sgc_" + new string('A', 43));
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/account/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await (await fixture.SignInAsync(other)).DeleteAsync($"/api/account/tokens/{id}")).StatusCode);
        Assert.Equal(1L, await fixture.App.ScalarAsync<long>("SELECT count(*) FROM api_tokens WHERE id = @id AND revoked_at IS NULL", ("id", id)));
    }

    [Fact]
    public async Task The_token_of_a_deactivated_member_is_refused()
    {
        var organisation = await fixture.CreateOrganisationAsync("Token org");
        var email = fixture.UniqueEmail("leaver");
        var user = await fixture.CreateUserAsync(email, Roles.Member, organisation);
        var token = (string)(await Json.ReadAsync(await (await fixture.SignInAsync(email)).PostAsJsonAsync("/api/account/tokens", new { name = "t" })))["token"]!;
        var script = fixture.NewClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/account/me")).StatusCode);

        var curator = await fixture.SignInAsync(AccessFixture.AdminEmail);
        Assert.Equal(HttpStatusCode.OK, (await curator.PostAsync($"/api/members/{user.Id}/deactivate", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/account/me")).StatusCode);
    }
}
