using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Accounts;
using SeGeoCatalogue.Tests.Access;

namespace SeGeoCatalogue.Tests.Requests;

/// <summary>The app with a small per-account limit on new requests (5 an hour), and helpers to set a scene.</summary>
public class RequestsFixture : AccessFixture
{
    public const int CreatePerHour = 5;

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Requests:CreatePerHour"] = CreatePerHour.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A new member of <paramref name="organisation"/>, signed in with a cookie and the antiforgery header.</summary>
    public async Task<Person> MemberAsync(int organisation, string who = "member")
    {
        var email = UniqueEmail(who);
        var user = await CreateUserAsync(email, Roles.Member, organisation);
        return new Person(email, user.Id, await SignInAsync(email));
    }

    public async Task<Person> CuratorAsync()
    {
        var email = UniqueEmail("curator");
        var user = await CreateUserAsync(email, Roles.Curator, null);
        return new Person(email, user.Id, await SignInAsync(email));
    }

    public static object Body(int datasetId, string purpose = "Targeting a WASH response in 2027") => new
    {
        dataset_id = datasetId, purpose, units_needed = "Hpa-An and Kawkareik townships", period_needed = "2024–2025",
        organisation = "Requesting NGO", contact = "+95 9 123 456",
    };
}

public sealed record Person(string Email, string UserId, HttpClient Client)
{
    public Task<HttpResponseMessage> RequestAsync(int datasetId) => Client.PostAsJsonAsync("/api/requests", RequestsFixture.Body(datasetId));

    public async Task<int> RequestIdAsync(int datasetId)
    {
        var response = await RequestAsync(datasetId);
        Assert.True((int)response.StatusCode == 201, $"request for {datasetId} by {Email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (int)(await Json.ReadAsync(response))["id"]!;
    }

    public async Task<JsonNode> GetAsync(string url)
    {
        var response = await Client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} as {Email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await Json.ReadAsync(response);
    }

    public async Task<List<int>> IdsAsync(string url) =>
        (await GetAsync(url))["items"]!.AsArray().Select(i => (int)i!["id"]!).ToList();
}
