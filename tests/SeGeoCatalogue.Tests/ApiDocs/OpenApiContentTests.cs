using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.ApiDocs;

/// <summary>
/// The OpenAPI documents say what the service does: a hand-written table of operations with the parameters, bodies and
/// answers each must document, and a few of those statements checked against the service's own answers.
/// </summary>
public sealed class OpenApiContentTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    /// <summary>(document, method, path, query parameters it must document, answers it must document).</summary>
    public static TheoryData<string, string, string, string[], string[]> Operations => new()
    {
        { "/openapi/v1.json", "get", "/api/datasets",
            ["q", "id", "sector", "indicator", "holder", "level", "method", "availability", "status", "pcode", "level_min", "from", "to", "bbox", "fresh",
             "sort", "limit", "offset"],
            ["200", "400", "503"] },
        { "/openapi/v1.json", "post", "/api/datasets", [], ["201", "400", "401", "403", "413", "422", "503"] },
        { "/openapi/v1.json", "put", "/api/datasets/{id}", [], ["200", "400", "401", "403", "404", "412", "413", "428", "503"] },
        { "/openapi/v1.json", "delete", "/api/datasets/{id}", [], ["204", "401", "403", "404", "412", "503"] },
        { "/openapi/v1.json", "get", "/api/coverage",
            ["level", "state", "geometry", "f", "download", "sector", "holder", "level_min", "fresh", "pcode", "bbox", "from", "to"], ["200", "400", "404", "503"] },
        { "/openapi/v1.json", "get", "/api/coverage/grid", ["state", "sector", "fresh", "f"], ["200", "400", "503"] },
        { "/openapi/v1.json", "get", "/api/datasets/export", ["f", "hxl", "q", "sector", "bbox"], ["200", "400", "503"] },
        { "/openapi/v1.json", "get", "/api/admin-units", ["level", "parent", "q", "bbox", "geometry", "limit", "offset"], ["200", "400", "503"] },
        { "/openapi/v1.json", "post", "/api/account/sign-in", [], ["200", "400", "401", "429", "503"] },
        { "/openapi/v1.json", "post", "/api/footprints/read", [], ["200", "400", "401", "403", "413", "503"] },
        { "/openapi/v1.json", "post", "/api/requests", [], ["201", "400", "401", "403", "409", "429", "503"] },
        { "/ogc/api", "get", "/collections/{collectionId}/items", ["limit", "offset", "bbox", "crs", "bbox-crs", "datetime", "filter", "filter-lang"],
            ["200", "304", "400", "404", "503"] },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task An_operation_documents_its_parameters_and_answers(string route, string method, string path, string[] parameters, string[] answers)
    {
        var document = await DocumentAsync(route);
        var operation = document["paths"]?[path]?[method];
        Assert.True(operation is not null, $"{route} has no {method} {path}");

        var documented = (operation["parameters"]?.AsArray() ?? []).Select(p => Resolve(document, p!)).Where(p => (string?)p["in"] == "query")
            .Select(p => (string)p["name"]!).ToHashSet();
        Assert.Empty(parameters.Except(documented));
        var statuses = operation["responses"]!.AsObject().Select(r => r.Key).ToHashSet();
        Assert.Empty(answers.Except(statuses));
        foreach (var status in answers.Where(s => s[0] is '4' or '5'))
        {
            var content = Resolve(document, operation["responses"]![status]!)["content"]?.AsObject();
            Assert.True(content?.ContainsKey("application/problem+json") == true, $"{method} {path} {status} is not a problem+json answer");
        }
    }

    [Fact]
    public async Task Writes_document_their_JSON_body_and_need_credentials()
    {
        var document = await DocumentAsync("/openapi/v1.json");
        foreach (var (method, path) in new[] { ("post", "/api/datasets"), ("put", "/api/datasets/{id}") })
        {
            var operation = document["paths"]![path]![method]!;
            var schema = operation["requestBody"]?["content"]?["application/json"]?["schema"];
            Assert.Equal("#/components/schemas/DatasetInput", (string?)schema?["$ref"]);
            // Every requirement names a scheme: none is the empty "anyone" requirement.
            var security = operation["security"]!.AsArray();
            Assert.NotEmpty(security);
            Assert.All(security, s => Assert.NotEmpty(s!.AsObject()));
        }
        var ifMatch = document["paths"]!["/api/datasets/{id}"]!["put"]!["parameters"]!.AsArray()
            .SingleOrDefault(p => (string?)p!["in"] == "header" && (string?)p["name"] == "If-Match");
        Assert.True(ifMatch is not null && (bool)ifMatch["required"]!, "PUT /api/datasets/{id} does not document its required If-Match header");

        var search = document["paths"]!["/api/datasets"]!["get"]!["security"]!.AsArray();
        Assert.Contains(search, s => s!.AsObject().Count == 0);
    }

    [Fact]
    public async Task Every_operation_documents_a_success_a_bad_request_and_an_outage()
    {
        foreach (var route in new[] { "/openapi/v1.json", "/ogc/api" })
        {
            var document = await DocumentAsync(route);
            foreach (var (path, item) in document["paths"]!.AsObject())
                foreach (var (method, operation) in item!.AsObject())
                {
                    var statuses = operation!["responses"]!.AsObject().Select(r => r.Key).ToList();
                    Assert.True(statuses.Any(s => s.StartsWith('2')), $"{route} {method} {path}: no success answer");
                    Assert.True(statuses.Contains("400") && statuses.Contains("503"), $"{route} {method} {path}: {string.Join(",", statuses)}");
                    Assert.False(string.IsNullOrWhiteSpace((string?)operation["summary"]), $"{route} {method} {path}: no summary");
                }
        }
    }

    [Fact]
    public async Task Documented_choices_and_bounds_are_the_ones_the_service_applies()
    {
        var document = await DocumentAsync("/openapi/v1.json");
        var search = document["paths"]!["/api/datasets"]!["get"]!["parameters"]!.AsArray();
        JsonNode Schema(string name) => search.Single(p => (string?)p!["name"] == name)!["schema"]!;

        // The sector choices are the codes GET /api/vocabularies lists.
        var vocabularies = await fixture.Client.GetFromJsonAsync<JsonObject>("/api/vocabularies");
        var sectors = vocabularies!["sectors"]!.AsArray().Select(s => (string)s!["code"]!).Order().ToList();
        Assert.Equal(sectors, Schema("sector")["items"]!["enum"]!.AsArray().Select(v => (string)v!).Order().ToList());

        // limit: 20 by default, at most 200 — and the service's own page says the same.
        var limit = Schema("limit");
        Assert.Equal((20, 200, 1), ((int)limit["default"]!, (int)limit["maximum"]!, (int)limit["minimum"]!));
        var unbounded = await fixture.Client.GetFromJsonAsync<JsonObject>("/api/datasets?limit=100000");
        Assert.Equal(200, (int)unbounded!["limit"]!);
        var plain = await fixture.Client.GetFromJsonAsync<JsonObject>("/api/datasets");
        Assert.Equal(20, (int)plain!["limit"]!);

        // A sector outside the enum is refused as the document says (400, the field named).
        var refused = await fixture.Client.GetAsync("/api/datasets?sector=not-a-sector");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        // A write without credentials answers the documented 401 as a problem.
        var anonymous = await fixture.Client.PostAsJsonAsync("/api/datasets", new { title = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
    }

    async Task<JsonNode> DocumentAsync(string route) => JsonNode.Parse(await fixture.Client.GetStringAsync(route))!;

    static JsonNode Resolve(JsonNode document, JsonNode node)
    {
        while (node["$ref"] is { } reference)
        {
            var target = document;
            foreach (var part in ((string)reference!).TrimStart('#', '/').Split('/')) target = target[part.Replace("~1", "/")]!;
            node = target;
        }
        return node;
    }
}
