using Microsoft.Playwright;

namespace SeGeoCatalogue.BrowserTests.Pages;

/// <summary>requests.html: the inbox, my requests, one request; and the request form of dataset.html.</summary>
public sealed class RequestsPage(IPage page)
{
    public ILocator Inbox => page.Locator("#inbox-list");
    public ILocator Mine => page.Locator("#mine-list");

    /// <summary>The request about the record titled <paramref name="title"/> in a list.</summary>
    public static ILocator Request(ILocator list, string title) => list.Locator("li.request").Filter(new() { HasText = title });

    /// <summary>Opens dataset.html?id=, asks for its data through the form and waits for the confirmation.</summary>
    public async Task RequestFromDatasetPageAsync(int datasetId, string purpose)
    {
        await page.GotoAsync($"/dataset.html?id={datasetId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Request this data" }).ClickAsync();
        await page.GetByLabel("What the data is for").FillAsync(purpose);
        await page.GetByLabel("Areas needed").FillAsync("Hpa-An township");
        await page.GetByLabel("Period needed").FillAsync("2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        await Assertions.Expect(page.Locator("#request .success")).ToContainTextAsync("Request sent");
    }

    public async Task GrantAsync(string title, string note)
    {
        var item = Request(Inbox, title);
        await item.GetByLabel("Message to the requester").FillAsync(note);
        await item.GetByRole(AriaRole.Button, new() { Name = "Grant" }).ClickAsync();
    }
}
