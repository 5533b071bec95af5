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
}
