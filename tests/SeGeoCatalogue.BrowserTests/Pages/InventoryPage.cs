using Microsoft.Playwright;

namespace SeGeoCatalogue.BrowserTests.Pages;

/// <summary>inventory.html: the template download, the upload's check and Apply.</summary>
public sealed class InventoryPage(IPage page)
{
    public ILocator Summary => page.Locator("#summary");
    public ILocator Apply => page.GetByRole(AriaRole.Button, new() { Name = "Apply" });

    /// <summary>The report's row for spreadsheet row <paramref name="row"/>.</summary>
    public ILocator Row(int row) => page.Locator($"#report-table tbody tr[data-row='{row}']");

    public async Task<byte[]> DownloadTemplateAsync()
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Empty template (.xlsx)" }).ClickAsync());
        return await File.ReadAllBytesAsync((await download.PathAsync())!);
    }

    public async Task CheckAsync(byte[] workbook)
    {
        await page.GetByLabel("Filled workbook").SetInputFilesAsync(new FilePayload
        {
            Name = "inventory.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = workbook,
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
    }
}
