using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using SeGeoCatalogue.Accounts;

namespace SeGeoCatalogue.Tests.Access;

/// <summary>Ending a session or an account ends it on the server: a copied cookie or an old token does not come back.</summary>
public sealed class SessionEndTests(AccessFixture fixture) : IClassFixture<AccessFixture>
{
    [Fact]
    public async Task A_session_cookie_copied_before_sign_out_no_longer_works_after_it()
    {
        var organisation = await fixture.CreateOrganisationAsync("Copied cookie org");
        var email = fixture.UniqueEmail("member");
        await fixture.CreateUserAsync(email, Roles.Member, organisation);
        var browser = fixture.NewClient();
        var signIn = await browser.PostAsJsonAsync("/api/account/sign-in", new { email, password = AccessFixture.Password });
        var copied = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("segeo.session=", StringComparison.Ordinal)).Split(';')[0];
        var thief = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = false });
        thief.DefaultRequestHeaders.Add("Cookie", copied);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/api/account/me")).StatusCode);
        var antiforgery = (string)(await Json.ReadAsync(await browser.GetAsync("/api/account/antiforgery")))["token"]!;
        browser.DefaultRequestHeaders.Add(SeGeoCatalogue.Access.WebSecurity.AntiforgeryHeader, antiforgery);

        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/api/account/sign-out", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/api/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/account/me")).StatusCode);
    }

    [Fact]
    public async Task The_pages_session_says_who_is_signed_in_and_answers_200_for_nobody()
    {
        var anonymous = await fixture.NewClient().GetAsync("/api/account/session");
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Null((await Json.ReadAsync(anonymous))["user"]);

        var email = fixture.UniqueEmail("session");
        await fixture.CreateUserAsync(email, Roles.Member, await fixture.CreateOrganisationAsync("Session org"));
        var signedIn = await fixture.SignInAsync(email);
        Assert.Equal(email, (string)(await Json.ReadAsync(await signedIn.GetAsync("/api/account/session")))["user"]!["email"]!);
    }

    [Fact]
    public async Task Reactivating_an_account_does_not_revive_its_old_tokens()
    {
        var organisation = await fixture.CreateOrganisationAsync("Returning org");
        var email = fixture.UniqueEmail("returning");
        var user = await fixture.CreateUserAsync(email, Roles.Member, organisation);
        var token = (string)(await Json.ReadAsync(await (await fixture.SignInAsync(email)).PostAsJsonAsync("/api/account/tokens", new { name = "t" })))["token"]!;
        var script = fixture.NewClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/account/me")).StatusCode);
        var curator = await fixture.SignInAsync(AccessFixture.AdminEmail);

        Assert.Equal(HttpStatusCode.OK, (await curator.PostAsync($"/api/members/{user.Id}/deactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await curator.PostAsync($"/api/members/{user.Id}/activate", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/account/me")).StatusCode);
        Assert.Equal(0L, await fixture.App.ScalarAsync<long>(
            "SELECT count(*) FROM api_tokens WHERE user_id = @u AND revoked_at IS NULL", ("u", user.Id)));
    }
}
