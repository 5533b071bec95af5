using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Accounts;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Access;

/// <summary>The app with a first curator from the environment settings, and helpers to seed accounts and records.</summary>
public class AccessFixture : IAsyncLifetime
{
    public const string AdminEmail = "curator@mimu.test";
    public const string Password = "correct horse battery";

    protected virtual int SignInsPerMinute => 1000;
    /// <summary>Further settings of a fixture's app (e.g. SMTP), as configuration keys.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();
    public CatalogueApp App { get; protected set; } = null!;
    int _seq;

    public virtual async Task InitializeAsync()
    {
        App = new AccessApp(await PostGisServer.CreateDatabaseAsync(), SignInsPerMinute, Settings);
        await App.StartAsync();
    }

    public virtual async Task DisposeAsync()
    {
        var connectionString = App.ConnectionString;
        await App.DisposeAsync();
        await PostGisServer.DropDatabaseAsync(connectionString);
    }

    /// <summary>A client of its own (own cookie jar) over https, as the cookies are Secure.</summary>
    public HttpClient NewClient() =>
        App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = true });

    /// <summary>A signed-in client that sends the antiforgery token with its writes (unless told not to).</summary>
    public async Task<HttpClient> SignInAsync(string email, string password = Password, bool antiforgery = true)
    {
        var client = NewClient();
        var response = await client.PostAsJsonAsync("/api/account/sign-in", new { email, password });
        Assert.True(response.IsSuccessStatusCode, $"sign-in of {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if (antiforgery)
        {
            var token = (string)(await client.GetFromJsonAsync<JsonObject>("/api/account/antiforgery"))!["token"]!;
            client.DefaultRequestHeaders.Add(WebSecurity.AntiforgeryHeader, token);
        }
        return client;
    }

    public string UniqueEmail(string who) => $"{who}{Interlocked.Increment(ref _seq)}@example.test";

    public async Task<int> CreateOrganisationAsync(string name)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogueDb>();
        var organisation = new Organisation { Name = $"{name} {Interlocked.Increment(ref _seq)}", Type = "ingo", CreatedAt = DateTimeOffset.UtcNow };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation.Id;
    }

    /// <summary>An account made through Identity directly (the members API has its own tests).</summary>
    public async Task<CatalogueUser> CreateUserAsync(string email, string role, int? organisationId, string password = Password)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CatalogueUser>>();
        var user = new CatalogueUser { UserName = email, Email = email, DisplayName = email.Split('@')[0], OrganisationId = organisationId, CreatedAt = DateTimeOffset.UtcNow };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user;
    }

    /// <summary>The viewer the app builds for this user, through the same claims the sign-in cookie carries.</summary>
    public async Task<Viewer> ViewerOfAsync(CatalogueUser user)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<CatalogueUser>>();
        var fresh = await scope.ServiceProvider.GetRequiredService<UserManager<CatalogueUser>>().FindByIdAsync(user.Id);
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext { User = await factory.CreateAsync(fresh!) };
        return App.Services.GetRequiredService<IViewerAccessor>().Current(http);
    }

    public async Task<int> CreateDatasetAsync(int holderId, string curationState = "draft", string visibility = "network", string? title = null, bool deleted = false,
        string availability = "public", string[]? sectors = null)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogueDb>();
        var dataset = new Dataset
        {
            Title = title ?? $"Record {curationState} {visibility} {Interlocked.Increment(ref _seq)}",
            HolderId = holderId, Availability = availability, Sectors = [.. sectors ?? ["wash"]],
            CurationState = curationState, Visibility = visibility,
            CreatedBy = "seed", UpdatedBy = "seed", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            DeletedAt = deleted ? DateTimeOffset.UtcNow : null,
        };
        db.Datasets.Add(dataset);
        await db.SaveChangesAsync();
        return dataset.Id;
    }

    protected sealed class AccessApp(string connectionString, int signInsPerMinute, IReadOnlyDictionary<string, string> settings) : CatalogueApp(connectionString)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            builder.UseSetting("SEGEO_ADMIN_EMAIL", AdminEmail);
            builder.UseSetting("SEGEO_ADMIN_PASSWORD", Password);
            builder.UseSetting("Accounts:SignInsPerMinute", signInsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // Fewer PBKDF2 rounds than in production (100,000): the tests hash dozens of passwords on 2 cores.
            builder.ConfigureServices(s => s.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000));
        }
    }
}

/// <summary>The same app with a sign-in limit small enough to reach in a test.</summary>
public sealed class RateLimitedAccessFixture : AccessFixture
{
    public const int Limit = 3;
    protected override int SignInsPerMinute => Limit;
}

static class Json
{
    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
}
