using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using SeGeoCatalogue.Accounts;

namespace SeGeoCatalogue.Tests.Access;

public sealed class WriteProtectionTests(AccessFixture fixture) : IClassFixture<AccessFixture>
{
    [Fact]
    public async Task Anonymous_writes_get_a_401_problem_and_change_nothing()
    {
        var organisation = await fixture.CreateOrganisationAsync("Anon org");
        var draft = await fixture.CreateDatasetAsync(organisation, "draft");
        var anonymous = fixture.NewClient();

        foreach (var (path, body) in new (string, object)[]
        {
            ("/api/organisations", new { name = "Sneaky", type = "ingo" }),
            ($"/api/datasets/{draft}/submit", new { }),
            ("/api/members", new { email = "x@example.test", name = "X", password = "long enough pass", organisation_id = organisation }),
            ("/api/account/tokens", new { name = "t" }),
        })
        {
            var response = await anonymous.PostAsJsonAsync(path, body);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal("draft", await fixture.App.ScalarAsync<string>("SELECT curation_state FROM datasets WHERE id = @id", ("id", draft)));
        Assert.Equal(0L, await fixture.App.ScalarAsync<long>("SELECT count(*) FROM organisations WHERE name = 'Sneaky'"));
    }

    [Fact]
    public async Task A_member_cannot_publish_or_manage_members_and_organisations()
    {
        var organisation = await fixture.CreateOrganisationAsync("Member org");
        var email = fixture.UniqueEmail("member");
        await fixture.CreateUserAsync(email, Roles.Member, organisation);
        var submitted = await fixture.CreateDatasetAsync(organisation, "submitted");
        var member = await fixture.SignInAsync(email);

        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync($"/api/datasets/{submitted}/publish", new { visibility = "public" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync($"/api/datasets/{submitted}/return", new { comment = "no" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync("/api/organisations", new { name = "Mine", type = "ingo" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/members")).StatusCode);
        Assert.Equal("submitted", await fixture.App.ScalarAsync<string>("SELECT curation_state FROM datasets WHERE id = @id", ("id", submitted)));
    }

    [Fact]
    public async Task A_member_cannot_submit_another_organisations_record_hidden_ones_are_404_visible_ones_403()
    {
        var mine = await fixture.CreateOrganisationAsync("Mine");
        var theirs = await fixture.CreateOrganisationAsync("Theirs");
        var email = fixture.UniqueEmail("member");
        await fixture.CreateUserAsync(email, Roles.Member, mine);
        var hiddenDraft = await fixture.CreateDatasetAsync(theirs, "draft", "network");
        var visibleDraft = await fixture.CreateDatasetAsync(theirs, "published", "network");
        var member = await fixture.SignInAsync(email);

        var hidden = await member.PostAsync($"/api/datasets/{hiddenDraft}/submit", null);
        var visible = await member.PostAsync($"/api/datasets/{visibleDraft}/submit", null);

        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.DoesNotContain("draft", (string)(await Json.ReadAsync(hidden))["detail"]!); // nothing about the hidden record leaks
        Assert.Equal(HttpStatusCode.Forbidden, visible.StatusCode);
        Assert.Equal("draft", await fixture.App.ScalarAsync<string>("SELECT curation_state FROM datasets WHERE id = @id", ("id", hiddenDraft)));
    }

    [Fact]
    public async Task A_cookie_write_without_the_antiforgery_header_is_refused_and_with_it_accepted()
    {
        var organisation = await fixture.CreateOrganisationAsync("Csrf org");
        var email = fixture.UniqueEmail("member");
        await fixture.CreateUserAsync(email, Roles.Member, organisation);
        var first = await fixture.CreateDatasetAsync(organisation, "draft");
        var second = await fixture.CreateDatasetAsync(organisation, "draft");

        var withoutHeader = await fixture.SignInAsync(email, antiforgery: false);
        var refused = await withoutHeader.PostAsync($"/api/datasets/{first}/submit", null);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("X-CSRF-TOKEN", (string)(await Json.ReadAsync(refused))["detail"]!);
        Assert.Equal("draft", await fixture.App.ScalarAsync<string>("SELECT curation_state FROM datasets WHERE id = @id", ("id", first)));

        var forged = await fixture.SignInAsync(email, antiforgery: false);
        forged.DefaultRequestHeaders.Add("X-CSRF-TOKEN", "made-up");
        Assert.Equal(HttpStatusCode.BadRequest, (await forged.PostAsync($"/api/datasets/{first}/submit", null)).StatusCode);

        // Signing in again over an open session is not a write the session authorises: no token needed.
        Assert.Equal(HttpStatusCode.OK, (await withoutHeader.PostAsJsonAsync("/api/account/sign-in", new { email, password = AccessFixture.Password })).StatusCode);
        // Signing out is: it needs the token like any other write.
        Assert.Equal(HttpStatusCode.BadRequest, (await withoutHeader.PostAsync("/api/account/sign-out", null)).StatusCode);

        var withHeader = await fixture.SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await withHeader.PostAsync($"/api/datasets/{first}/submit", null)).StatusCode);

        // A bearer-token request is not forgeable by another site and needs no antiforgery token.
        var token = (string)(await Json.ReadAsync(await withHeader.PostAsJsonAsync("/api/account/tokens", new { name = "t" })))["token"]!;
        var script = fixture.NewClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await script.PostAsync($"/api/datasets/{second}/submit", null)).StatusCode);
    }

    [Theory]
    [InlineData("/api/admin-units/layers")]
    [InlineData("/api/admin-units/MMR999999")]
    [InlineData("/health")]
    [InlineData("/no-such-page")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await fixture.NewClient().GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }
}
