using Microsoft.Playwright;
using SeGeoCatalogue.BrowserTests.Infrastructure;
using SeGeoCatalogue.BrowserTests.Pages;

namespace SeGeoCatalogue.BrowserTests.Web;

public sealed class AccountPagesTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public Task Signing_in_as_a_curator_reveals_the_curator_pages_and_signing_out_hides_them_again() => app.RunAsync(async page =>
    {
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await page.GotoAsync("/index.html");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Review" })).ToBeHiddenAsync();

        await new SignInPage(page).SignInAsync(WebAppFixture.CuratorEmail, WebAppFixture.Password, "index.html");

        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Review" })).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Organisations & members" })).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Add a dataset" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Review" })).ToBeHiddenAsync();
    });

    [Fact]
    public Task A_wrong_password_is_refused_with_a_message_and_the_reader_stays_on_the_sign_in_page() => app.RunAsync(async page =>
    {
        await page.GotoAsync("/sign-in.html?return=admin.html");
        await page.GetByLabel("Email").FillAsync(WebAppFixture.CuratorEmail);
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("password");
        Assert.Contains("sign-in.html", page.Url);
        await Assertions.Expect(page.GetByLabel("Password")).ToBeFocusedAsync();
    });

    [Fact]
    public Task A_curator_adds_an_organisation_then_a_member_and_sees_a_too_short_password_refused_beside_its_field() => app.RunAsync(async page =>
    {
        await new SignInPage(page).SignInAsync(WebAppFixture.CuratorEmail, WebAppFixture.Password, "admin.html");
        var organisations = page.Locator("#organisations tbody");
        var members = page.Locator("#members tbody");

        var orgForm = page.Locator("#org-form");
        await orgForm.GetByLabel("Name").FillAsync("Karen Development Network");
        await orgForm.GetByLabel("Acronym").FillAsync("KDN");
        await orgForm.GetByRole(AriaRole.Button, new() { Name = "Save the organisation" }).ClickAsync();
        await Assertions.Expect(organisations).ToContainTextAsync("Karen Development Network");

        var memberForm = page.Locator("#member-form");
        await memberForm.GetByLabel("Name").FillAsync("Naw Paw");
        await memberForm.GetByLabel("Email").FillAsync("naw.paw@kdn.test");
        await memberForm.GetByLabel("Organisation").SelectOptionAsync(new SelectOptionValue { Label = "Karen Development Network (KDN)" });
        await memberForm.GetByLabel("First password").FillAsync("short");
        await memberForm.GetByRole(AriaRole.Button, new() { Name = "Add the member" }).ClickAsync();

        await Assertions.Expect(memberForm.Locator("[data-field=password] .field-error")).ToBeVisibleAsync();
        await Assertions.Expect(memberForm.GetByLabel("First password")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(members).Not.ToContainTextAsync("naw.paw@kdn.test");

        await memberForm.GetByLabel("First password").FillAsync("a long enough passphrase");
        await memberForm.GetByRole(AriaRole.Button, new() { Name = "Add the member" }).ClickAsync();

        var row = members.Locator("tr").Filter(new() { HasText = "naw.paw@kdn.test" });
        await Assertions.Expect(row).ToContainTextAsync("Karen Development Network");
        await Assertions.Expect(row).ToContainTextAsync("member");
        await Assertions.Expect(memberForm.Locator(".field-error")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task A_curator_publishes_a_submitted_record_from_the_review_queue_with_the_visibility_chosen() => app.RunAsync(async page =>
    {
        int id;
        await using (var seed = await Seed.AsCuratorAsync(app))
            id = await Seed.SubmittedDatasetAsync(app, "Thaton WASH survey", await seed.OrganisationAsync("Water Aid Myanmar", "WAM"));
        await new SignInPage(page).SignInAsync(WebAppFixture.CuratorEmail, WebAppFixture.Password, "review.html");

        var item = page.Locator($"#queue li[data-id=\"{id}\"]");
        await Assertions.Expect(item).ToContainTextAsync("Thaton WASH survey");
        await item.GetByLabel("Visible to").SelectOptionAsync("public");
        await item.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();

        await Assertions.Expect(item).ToContainTextAsync("Published.");
        Assert.Equal("published/public", await app.App.ScalarAsync<string>(
            "SELECT curation_state || '/' || visibility FROM datasets WHERE id = @id", ("id", id)));
    });
}
