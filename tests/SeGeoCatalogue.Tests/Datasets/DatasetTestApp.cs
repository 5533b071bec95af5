using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SeGeoCatalogue.Accounts;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Datasets;

/// <summary>The fixture's app, clients that ask as a curator, a member or the public, and helpers to seed organisations and records.</summary>
public sealed class DatasetTestApp(CatalogueFixture fixture, params (string Key, string Value)[] settings)
{
    readonly Lazy<WebApplicationFactory<Program>> _app = new(() => fixture.App.WithWebHostBuilder(b =>
    {
        foreach (var (key, value) in settings) b.UseSetting(key, value);
    }));
    readonly Dictionary<string, string> _tokens = [];

    public CatalogueApp Database => fixture.App;

    /// <summary>This host's services (each DatasetTestApp is its own host on the fixture's database).</summary>
    public IServiceProvider Services => _app.Value.Services;

    /// <summary>A client asking as "curator", "member:ORG" (a member of organisation ORG) or, with null, the public.</summary>
    public HttpClient Client(string? viewer = "curator")
    {
        var client = _app.Value.CreateClient();
        if (viewer is null) return client;
        string? token;
        lock (_tokens) _tokens.TryGetValue(viewer, out token);
        if (token is null)
        {
            token = (viewer == "curator"
                ? TestAccounts.TokenAsync(fixture.App.Services, Roles.Curator, null)
                : TestAccounts.TokenAsync(fixture.App.Services, Roles.Member, int.Parse(viewer["member:".Length..], CultureInfo.InvariantCulture))).GetAwaiter().GetResult();
            lock (_tokens) _tokens[viewer] = token;
        }
        client.Authorize(token);
        return client;
    }

    /// <summary>Organisations are another issue's endpoint: tests create them through the DbContext.</summary>
    public async Task<int> OrganisationAsync(string name, string? acronym = null)
    {
        using var scope = fixture.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogueDb>();
        var org = new Organisation { Name = $"{name} ({Guid.NewGuid().ToString()[..8]})", Acronym = acronym, Type = "ingo", CreatedAt = DateTimeOffset.UtcNow };
        db.Organisations.Add(org);
        await db.SaveChangesAsync();
        return org.Id;
    }

    /// <summary>A valid record body; callers change what they test.</summary>
    public static JsonObject Body(int holder, string title = "Food security household survey", JsonObject? area = null) => new()
    {
        ["title"] = title, ["holder_id"] = holder, ["sectors"] = new JsonArray("food-security"), ["availability"] = "public",
        ["indicators"] = new JsonArray("Food Consumption Score"), ["disaggregation_level"] = "household",
        ["methods"] = new JsonArray("household-survey"), ["period_start"] = "2015-01-01", ["period_end"] = "2015-06-30",
        ["area"] = area ?? new JsonObject { ["pcodes"] = new JsonArray("MMR011001") },
    };

    public async Task<(int Id, string ETag, JsonNode Json)> CreateAsync(JsonObject body, bool publish = true)
    {
        var response = await Client().PostAsJsonAsync("/api/datasets", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, text);
        var json = JsonNode.Parse(text)!;
        var id = (int)json["id"]!;
        if (publish)
            await Database.ScalarAsync<int>("UPDATE datasets SET curation_state = 'published', visibility = 'public' WHERE id = @id RETURNING id", ("id", id));
        return (id, response.Headers.ETag!.Tag, json);
    }

    /// <summary>Rows in every table a write touches: bad input must leave them all as they were.</summary>
    public Task<string> TableCountsAsync() => Database.ScalarAsync<string>("""
        SELECT concat_ws(',', (SELECT count(*) FROM datasets), (SELECT count(*) FROM dataset_links),
                              (SELECT count(*) FROM dataset_units), (SELECT count(*) FROM dataset_changes),
                              (SELECT coalesce(max(xmin::text::bigint), 0) FROM datasets))
        """);

    public static JsonObject Box(double x1, double y1, double x2, double y2) => new()
    {
        ["type"] = "Polygon",
        ["coordinates"] = new JsonArray(new JsonArray(
            new JsonArray(x1, y1), new JsonArray(x2, y1), new JsonArray(x2, y2), new JsonArray(x1, y2), new JsonArray(x1, y1))),
    };
}
