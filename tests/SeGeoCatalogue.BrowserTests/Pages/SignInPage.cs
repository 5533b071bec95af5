using Microsoft.Playwright;

namespace SeGeoCatalogue.BrowserTests.Pages;

/// <summary>sign-in.html.</summary>
public sealed class SignInPage(IPage page)
{
    /// <summary>Signs in through the form and waits for the page it returns to.</summary>
    public async Task SignInAsync(string email, string password, string returnTo)
    {
        await page.GotoAsync($"/sign-in.html?return={Uri.EscapeDataString(returnTo)}");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync($"**/{returnTo}");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }
}
