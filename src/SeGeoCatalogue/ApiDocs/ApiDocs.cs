using Microsoft.OpenApi;

namespace SeGeoCatalogue.ApiDocs;

/// <summary>
/// The OpenAPI document of the whole API at /openapi/v1.json (OpenAPI 3.0, which the OGC API's oas30 class names)
/// and its reference page, wwwroot/api-docs.html (Swagger UI from the npm registry, copied into wwwroot/lib by
/// scripts/web-assets.sh; no inline script or style, so it runs under the service's CSP). /scalar, where the reference
/// used to be, redirects there.
/// </summary>
public static class ApiDocs
{
    public static void AddCatalogueOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
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
