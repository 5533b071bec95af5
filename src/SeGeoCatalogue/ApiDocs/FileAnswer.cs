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

public static class TypedAnswer
{
    /// <summary>
    /// The answer with this status is a <typeparamref name="T"/> as JSON. For handlers whose <c>.Produces&lt;T&gt;</c> the
    /// framework drops (lambdas returning IResult), written by the operation transformer itself.
    /// </summary>
    public static RouteHandlerBuilder Answers<T>(this RouteHandlerBuilder builder, int status = StatusCodes.Status200OK,
        string mediaType = "application/json") =>
        builder.AddOpenApiOperationTransformer(async (operation, context, ct) =>
        {
            operation.Responses ??= [];
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var response = operation.Responses.TryGetValue(key, out var found) && found is OpenApiResponse r
                ? r : new OpenApiResponse { Description = ReasonPhrases(status) };
            response.Content = new Dictionary<string, OpenApiMediaType>
            {
                [mediaType] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(T), null, ct) },
            };
            operation.Responses[key] = response;
        });

    static string ReasonPhrases(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
