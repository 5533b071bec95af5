using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SeGeoCatalogue.Accounts;

namespace SeGeoCatalogue.Tests.Access;

public sealed class SignInTests(AccessFixture fixture) : IClassFixture<AccessFixture>
{
    [Fact]
    public async Task The_first_curator_comes_from_the_environment_once_and_signs_in_with_a_secure_HttpOnly_SameSite_cookie()
    {
        // Start-up ran once with the fixture; running it again must not add a second account.
        await using (var scope = fixture.App.Services.CreateAsyncScope())
            await FirstCurator.EnsureAsync(scope.ServiceProvider, CancellationToken.None);
        Assert.Equal(1L, await fixture.App.ScalarAsync<long>("SELECT count(*) FROM users WHERE email = @e", ("e", AccessFixture.AdminEmail)));

        var client = fixture.NewClient();
        var response = await client.PostAsJsonAsync("/api/account/sign-in", new { email = AccessFixture.AdminEmail, password = AccessFixture.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("segeo.session=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("secure", cookie);
        Assert.Contains("samesite=strict", cookie);
        var me = await Json.ReadAsync(await client.GetAsync("/api/account/me"));
        Assert.Equal(AccessFixture.AdminEmail, (string)me["email"]!);
        Assert.Equal(["curator"], me["roles"]!.AsArray().Select(r => (string)r!));
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_me_answers_401_again()
    {
        var organisation = await fixture.CreateOrganisationAsync("Sign-out org");
        var email = fixture.UniqueEmail("member");
        await fixture.CreateUserAsync(email, Roles.Member, organisation);
        var client = await fixture.SignInAsync(email);

        var me = await Json.ReadAsync(await client.GetAsync("/api/account/me"));
        Assert.Equal(organisation, (int)me["organisation"]!["id"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/account/sign-out", null)).StatusCode);

        var after = await client.GetAsync("/api/account/me");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("application/problem+json", after.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.NewClient().GetAsync("/api/account/me")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_a_401_problem_that_does_not_say_whether_the_email_exists()
    {
        var email = fixture.UniqueEmail("member");
        await fixture.CreateUserAsync(email, Roles.Curator, null);
        var client = fixture.NewClient();

        var wrongPassword = await client.PostAsJsonAsync("/api/account/sign-in", new { email, password = "not the password" });
        var unknownEmail = await client.PostAsJsonAsync("/api/account/sign-in", new { email = "nobody@example.test", password = "not the password" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownEmail.StatusCode);
        Assert.Equal((string)(await Json.ReadAsync(wrongPassword))["detail"]!, (string)(await Json.ReadAsync(unknownEmail))["detail"]!);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_so_the_right_one_is_refused_too()
    {
        var email = fixture.UniqueEmail("member");
        await fixture.CreateUserAsync(email, Roles.Curator, null);
        var client = fixture.NewClient();

        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/account/sign-in", new { email, password = $"wrong password {i}" })).StatusCode);
        // Four failures do not lock: the right password still works and resets the count.
        Assert.Equal(HttpStatusCode.OK, (await fixture.NewClient().PostAsJsonAsync("/api/account/sign-in", new { email, password = AccessFixture.Password })).StatusCode);
        for (var i = 0; i < 5; i++)
            await client.PostAsJsonAsync("/api/account/sign-in", new { email, password = $"wrong password {i}" });

        var right = await client.PostAsJsonAsync("/api/account/sign-in", new { email, password = AccessFixture.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("locked", (string)(await Json.ReadAsync(right))["detail"]!);
        Assert.True(await fixture.App.ScalarAsync<bool>("SELECT lockout_end > now() FROM users WHERE email = @e", ("e", email)));
    }

    [Fact]
    public async Task A_password_shorter_than_ten_characters_is_refused_and_no_account_is_stored()
    {
        var curator = await fixture.SignInAsync(AccessFixture.AdminEmail);
        var organisation = await fixture.CreateOrganisationAsync("Policy org");
        var email = fixture.UniqueEmail("short");

        var response = await curator.PostAsJsonAsync("/api/members", new { email, name = "Short", password = "123456789", organisation_id = organisation });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("10", (string)(await Json.ReadAsync(response))["errors"]!["password"]![0]!);
        Assert.Equal(0L, await fixture.App.ScalarAsync<long>("SELECT count(*) FROM users WHERE email = @e", ("e", email)));
    }

    [Fact]
    public async Task A_deactivated_member_can_no_longer_sign_in_and_their_open_session_ends()
    {
        var organisation = await fixture.CreateOrganisationAsync("Deactivated org");
        var email = fixture.UniqueEmail("leaver");
        var user = await fixture.CreateUserAsync(email, Roles.Member, organisation);
        var session = await fixture.SignInAsync(email);
        var curator = await fixture.SignInAsync(AccessFixture.AdminEmail);

        var deactivate = await curator.PostAsync($"/api/members/{user.Id}/deactivate", null);

        Assert.Equal(HttpStatusCode.OK, deactivate.StatusCode);
        Assert.False((bool)(await Json.ReadAsync(deactivate))["active"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/account/me")).StatusCode);
        var again = await fixture.NewClient().PostAsJsonAsync("/api/account/sign-in", new { email, password = AccessFixture.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Contains("deactivated", (string)(await Json.ReadAsync(again))["detail"]!);
    }
}

public sealed class SignInRateLimitTests(RateLimitedAccessFixture fixture) : IClassFixture<RateLimitedAccessFixture>
{
    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_per_minute_get_a_429_problem_with_retry_after()
    {
        var client = fixture.NewClient();
        for (var i = 0; i < RateLimitedAccessFixture.Limit; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/account/sign-in", new { email = "x@example.test", password = "wrong password" })).StatusCode);

        var over = await fixture.NewClient().PostAsJsonAsync("/api/account/sign-in", new { email = AccessFixture.AdminEmail, password = AccessFixture.Password });

        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.Equal("application/problem+json", over.Content.Headers.ContentType?.MediaType);
        Assert.True(over.Headers.RetryAfter is not null);
        // Other endpoints are not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/account/antiforgery")).StatusCode);
    }
}
