using Microsoft.OpenApi;

namespace SeGeoCatalogue.ApiDocs;

public static class CsvAnswer
{
    /// <summary>The 200 answer also comes as CSV (f=csv): text/csv beside the JSON media type of its .Produces.</summary>
    public static TBuilder AlsoAsCsv<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
            {
                response.Content ??= new Dictionary<string, OpenApiMediaType>();
                response.Content["text/csv"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            }
            return Task.CompletedTask;
        });
}
