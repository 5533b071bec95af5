using Microsoft.Playwright;

namespace SeGeoCatalogue.BrowserTests.Infrastructure;

/// <summary>
/// One headless Debian Chromium for the whole run, driven by Playwright's node driver from the NuGet package
/// (copied beside the test assembly as .playwright/). Playwright's own browser download is never used.
/// </summary>
public static class Chromium
{
    public const string DefaultPath = "/usr/bin/chromium";

    static readonly Lazy<Task<IBrowser>> Browser = new(LaunchAsync);

    public static Task<IBrowser> GetAsync() => Browser.Value;

    static async Task<IBrowser> LaunchAsync()
    {
        var path = Environment.GetEnvironmentVariable("SEGEO_CHROMIUM") is { Length: > 0 } p ? p : DefaultPath;
        if (!File.Exists(path))
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {path}: scripts/test.sh installs it (apt-get install chromium), or set SEGEO_CHROMIUM.");
        var playwright = await Playwright.CreateAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => playwright.Dispose();
        return await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = path,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
            ],
        });
    }
}
