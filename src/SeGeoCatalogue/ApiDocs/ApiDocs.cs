using Microsoft.OpenApi;

namespace SeGeoCatalogue.ApiDocs;

/// <summary>
/// The OpenAPI document of the whole API at /openapi/v1.json (OpenAPI 3.0, which the OGC API's oas30 class names)
/// and its reference page, wwwroot/api-docs.html (Swagger UI from the npm registry, copied into wwwroot/lib by
/// scripts/web-assets.sh; no inline script or style, so it runs under the service's CSP). /scalar, where the reference
/// used to be, redirects there. Rules shared by many routes (security, problem answers, hand-read query parameters and
/// page bounds) are transformers here; what only one route does is its endpoint's metadata.
/// </summary>
public static class ApiDocs
{
    public static void AddCatalogueOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
            o.AddOperationTransformer(OperationIds.ApplyAsync);
            o.AddOperationTransformer(QueryParameters.ApplyAsync);
            o.AddOperationTransformer(Security.ApplyAsync);
            o.AddOperationTransformer(ProblemResponses.ApplyAsync);
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "SeGeoCatalogue API",
                    Version = "v1",
                    Description = "The SE Data Network's catalogue of datasets for the wider South East of Myanmar: admin units " +
                                  "(Source: MIMU), dataset records, coverage, downloads, DCAT and OGC API – Features (/ogc). " +
                                  "Errors are ProblemDetails naming the field; JSON is snake_case; GeoJSON follows RFC 7946. " +
                                  "Query values: at most 500 characters, no control characters. " +
                                  "While the database is unreachable, data routes answer 503 with Retry-After.",
                };
                // The server is the service's own root: paths already start with '/'.
                foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');
                Security.AddSchemes(document);
                ApiTags.Describe(document);
                NullableFor30.Apply(document);
                return Task.CompletedTask;
            });
        });

    public static IEndpointRouteBuilder MapCatalogueOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        app.MapGet("/scalar", () => Results.Redirect("/api-docs.html")).ExcludeFromDescription();
        return app;
    }
}
