using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.BrowserTests.Infrastructure;

/// <summary>
/// The service on real Kestrel on a free loopback port, against its own copy of the imported test database,
/// and browser pages on it. Every page runs offline (only the service's own origin answers) and under the
/// strict Content-Security-Policy the service sends, so a page that needs the internet or inline code fails.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    public const string CuratorEmail = "curator@mimu.test";
    public const string Password = "correct horse battery";

    public CatalogueApp App { get; private set; } = null!;
    public string BaseUrl { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = new BrowserTestApp(await PostGisServer.CreateDatabaseAsync());
        App.UseKestrel(0);
        App.StartServer();
        await App.StartAsync();
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::1]", "127.0.0.1").TrimEnd('/');
        Client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        var connectionString = App.ConnectionString;
        await App.DisposeAsync();
        await PostGisServer.DropDatabaseAsync(connectionString);
    }

    /// <summary>
    /// Runs a browser test on a fresh page (its own cookies); on failure saves a full-page screenshot to
    /// TestResults/screenshots/&lt;test&gt;.png and adds the page's console errors to the failure.
    /// </summary>
    public async Task RunAsync(Func<IPage, Task> test, ViewportSize? viewport = null, [CallerMemberName] string name = "")
    {
        var browser = await Chromium.GetAsync();
        await using var context = await browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl,
            ViewportSize = viewport ?? new() { Width = 1366, Height = 900 },
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(15_000);
        await context.RouteAsync("**/*", route => Offline(route));
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        // A failed load is expected offline (map tiles) or anonymous (401 from /api/account/me); script errors
        // and Content-Security-Policy refusals are not.
        page.Console += (_, m) => { if (m.Type == "error" && !m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) problems.Add(m.Text); };
        page.PageError += (_, e) => problems.Add(e);
        try
        {
            await test(page);
            Assert.True(problems.Count == 0, "The page reported errors:\n" + string.Join("\n", problems));
        }
        catch (Exception e)
        {
            var dir = Path.Combine(BoundaryData.RepoRoot, "TestResults", "screenshots");
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, $"{name}.png");
            await page.ScreenshotAsync(new() { Path = file, FullPage = true });
            throw new Xunit.Sdk.XunitException($"{e.Message}\nScreenshot: {file}\nConsole errors:\n{string.Join("\n", problems)}\n{e}");
        }
    }

    /// <summary>No internet, as on a field laptop: requests to other origins (the map tiles) fail.</summary>
    Task Offline(IRoute route) =>
        route.Request.Url.StartsWith(BaseUrl, StringComparison.Ordinal) ? route.ContinueAsync() : route.AbortAsync("internetdisconnected");

    /// <summary>The app with a first curator, and cheaper password hashing (the tests hash a few passwords on 2 cores).</summary>
    sealed class BrowserTestApp(string connectionString) : CatalogueApp(connectionString)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("SEGEO_ADMIN_EMAIL", CuratorEmail);
            builder.UseSetting("SEGEO_ADMIN_PASSWORD", Password);
            builder.UseSetting("Accounts:SecureCookies", "false"); // plain http on loopback, as scripts/serve.sh
            builder.ConfigureServices(s => s.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000));
        }
    }
}
