using Microsoft.OpenApi;

namespace SeGeoCatalogue.ApiDocs;

public static class FileAnswer
{
    /// <summary>
    /// The 200 answer in each of these media types (a choice of format, or a file): JSON and GeoJSON as objects,
    /// text as strings, anything else as binary.
    /// </summary>
    public static TBuilder ProducesFormats<TBuilder>(this TBuilder builder, params IEnumerable<string> mediaTypes) where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Responses ??= [];
            var ok = operation.Responses.TryGetValue("200", out var found) && found is OpenApiResponse r ? r : new OpenApiResponse { Description = "OK" };
            ok.Content = mediaTypes.Select(m => m.Split(';')[0].Trim()).Distinct().ToDictionary(m => m, m => new OpenApiMediaType { Schema = SchemaFor(m) });
            operation.Responses["200"] = ok;
            return Task.CompletedTask;
        });

    static OpenApiSchema SchemaFor(string mediaType) => mediaType switch
    {
        _ when mediaType.EndsWith("json", StringComparison.Ordinal) => new() { Type = JsonSchemaType.Object },
        _ when mediaType.StartsWith("text/", StringComparison.Ordinal) => new() { Type = JsonSchemaType.String },
        _ => new() { Type = JsonSchemaType.String, Format = "binary" },
    };
}
