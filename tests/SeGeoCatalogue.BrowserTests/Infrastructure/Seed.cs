using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.BrowserTests.Infrastructure;

/// <summary>
/// Arranges what the pages show through the service's own API, from a browser page signed in as someone
/// (the page's api.js sends the cookie and the antiforgery token exactly as the web app does).
/// </summary>
public sealed class Seed : IAsyncDisposable
{
    readonly IBrowserContext _context;
    readonly IPage _page;

    Seed(IBrowserContext context, IPage page)
    {
        _context = context;
        _page = page;
    }

    /// <summary>Signed in as the first curator the fixture configures.</summary>
    public static Task<Seed> AsCuratorAsync(WebAppFixture app) => SignedInAsync(app, WebAppFixture.CuratorEmail, WebAppFixture.Password);

    public static async Task<Seed> SignedInAsync(WebAppFixture app, string email, string password)
    {
        var context = await (await Chromium.GetAsync()).NewContextAsync(new() { BaseURL = app.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sign-in.html");
        var seed = new Seed(context, page);
        await page.EvaluateAsync("async ([email, password]) => (await import('/js/account.js')).signIn(email, password)", new[] { email, password });
        return seed;
    }

    /// <summary>A write through wwwroot/js/api.js; a ProblemDetails answer fails the arrangement with its detail.</summary>
    public async Task<JsonElement> SendAsync(string method, string url, object? body = null)
    {
        var result = await _page.EvaluateAsync<JsonElement>("""
            async ([method, url, body]) => {
              const api = await import('/js/api.js');
              try { return { ok: true, body: (await api.send(method, url, body ? JSON.parse(body) : undefined)).body }; }
              catch (e) { return { ok: false, status: e.status, problem: e.problem }; }
            }
            """, new object?[] { method, url, body is null ? null : JsonSerializer.Serialize(body) });
        Assert.True(result.GetProperty("ok").GetBoolean(), $"{method} {url}: {result}");
        return result.GetProperty("body");
    }

    public async Task<int> OrganisationAsync(string name, string acronym) =>
        (await SendAsync("POST", "/api/organisations", new { name, acronym, type = "ingo", active = true })).GetProperty("id").GetInt32();

    public Task MemberAsync(string email, int organisationId) =>
        SendAsync("POST", "/api/members", new { email, name = email.Split('@')[0], password = WebAppFixture.Password, organisation_id = organisationId, role = "member" });

    /// <summary>Creates a record, submits it and publishes it for everyone, as member and curator would.</summary>
    public async Task<int> PublishedDatasetAsync(JsonObject body)
    {
        var id = (await SendAsync("POST", "/api/datasets", body)).GetProperty("id").GetInt32();
        await SendAsync("POST", $"/api/datasets/{id}/submit");
        await SendAsync("POST", $"/api/datasets/{id}/publish", new { visibility = "public" });
        return id;
    }

    public static JsonObject Record(string title, int holder, string[] sectors, string level, params string[] pcodes) => new()
    {
        ["title"] = title,
        ["holder_id"] = holder,
        ["sectors"] = new JsonArray(sectors.Select(s => (JsonNode)s!).ToArray()),
        ["availability"] = "public",
        ["disaggregation_level"] = level,
        ["methods"] = new JsonArray("household-survey"),
        ["period_start"] = "2015-01-01",
        ["period_end"] = "2015-12-31",
        ["area"] = new JsonObject { ["pcodes"] = new JsonArray(pcodes.Select(p => (JsonNode)p!).ToArray()) },
    };

    /// <summary>A record waiting for review, written straight to the table (the review page's test is about curating it).</summary>
    public static async Task<int> SubmittedDatasetAsync(WebAppFixture app, string title, int holderId)
    {
        using var scope = app.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogueDb>();
        var dataset = new Dataset
        {
            Title = title, HolderId = holderId, Availability = "public", Sectors = ["wash"], CurationState = "submitted",
            CreatedBy = "seed", UpdatedBy = "seed", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Datasets.Add(dataset);
        await db.SaveChangesAsync();
        return dataset.Id;
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
