using System.Net;
using System.Text.Json.Nodes;

namespace SeGeoCatalogue.Tests.Ckan;

/// <summary>
/// A CKAN action API client written from CKAN's documentation (docs.ckan.org, "API guide"), as ckanapi's RemoteCKAN
/// behaves with get_only: GET /api/3/action/NAME?params; a reply is {help, success, result}; success false carries
/// error {__type, message} and raises, by __type, as ckanapi does (NotFound, ValidationError, SearchQueryError…).
/// No CKAN client is published on npm or in Debian; the test writes the protocol instead.
/// </summary>
public sealed class CkanClient(HttpClient http)
{
    public sealed class CkanErrorException(HttpStatusCode status, string type, string message, JsonObject error) : Exception($"{type}: {message}")
    {
        public HttpStatusCode Status { get; } = status;
        public string Type { get; } = type;
        public JsonObject Error { get; } = error;
    }

    public async Task<JsonNode> CallAsync(string action, params (string Key, string Value)[] parameters)
    {
        var query = string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var response = await http.GetAsync($"/api/3/action/{action}{(query.Length > 0 ? "?" + query : "")}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(Uri.TryCreate((string?)reply["help"], UriKind.Absolute, out var help) && help.AbsolutePath == "/api/3/action/help_show",
            $"help is not the help_show address: {reply["help"]}");
        if ((bool)reply["success"]!)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(reply.ContainsKey("result"));
            return reply["result"]!;
        }
        var error = reply["error"]!.AsObject();
        Assert.False(reply.ContainsKey("result") && reply["result"] is not null);
        throw new CkanErrorException(response.StatusCode, (string)error["__type"]!, (string)error["message"]!, error);
    }

    /// <summary>Every key CKAN's package_show documents for a dataset, with its JSON kind.</summary>
    public static void AssertPackageShape(JsonNode package)
    {
        foreach (var key in new[] { "id", "name", "title", "type", "state", "metadata_created", "metadata_modified", "owner_org" })
            Assert.True(package[key] is JsonValue, $"package.{key} missing or not a value: {package.ToJsonString()[..200]}");
        Assert.Matches("^[a-z0-9_-]{2,100}$", (string)package["name"]!);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$", (string)package["metadata_modified"]!);
        Assert.False((bool)package["private"]!);
        foreach (var list in new[] { "resources", "tags", "groups", "extras" })
            Assert.True(package[list] is JsonArray, $"package.{list} is not a list");
        Assert.Equal(package["resources"]!.AsArray().Count, (int)package["num_resources"]!);
        Assert.Equal(package["tags"]!.AsArray().Count, (int)package["num_tags"]!);
        foreach (var resource in package["resources"]!.AsArray())
        {
            Assert.Equal((string)package["id"]!, (string)resource!["package_id"]!);
            Assert.True(Uri.IsWellFormedUriString((string)resource["url"]!, UriKind.Absolute));
            Assert.NotNull((string?)resource["id"]);
        }
        foreach (var extra in package["extras"]!.AsArray())
            Assert.True(extra!["key"] is JsonValue && extra["value"] is JsonValue, "extras are {key, value} pairs");
        var organization = package["organization"]!;
        Assert.Equal((string)package["owner_org"]!, (string)organization["id"]!);
        Assert.True((bool)organization["is_organization"]!);
    }
}
