using Microsoft.OpenApi;

namespace SeGeoCatalogue.ApiDocs;

/// <summary>
/// A query parameter a handler reads by hand (from <c>HttpRequest.Query</c>), described for the OpenAPI document next to
/// the code that validates it, so its type, choices and bounds come from the same constants.
/// </summary>
public sealed record QueryParameter(string Name, string Description, Func<OpenApiSchema> Schema, bool Repeatable = false)
{
    public OpenApiParameter ToOpenApi() => new()
    {
        Name = Name,
        In = ParameterLocation.Query,
        Required = false,
        Description = Description,
        Schema = Repeatable ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = Schema() } : Schema(),
        // Form style with explode (the default for query parameters): a repeated parameter gives several values.
        Style = ParameterStyle.Form,
        Explode = true,
    };
}

/// <summary>Endpoint metadata: the query parameters the handler reads by hand (the document transformer adds them).</summary>
public sealed record DocumentedQuery(IReadOnlyList<QueryParameter> Parameters);

public static class DocumentedQueryExtensions
{
    /// <summary>Documents the query parameters the handler reads from the query string itself.</summary>
    public static TBuilder WithQuery<TBuilder>(this TBuilder builder, params IEnumerable<QueryParameter>[] sets)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new DocumentedQuery([.. sets.SelectMany(s => s)]));
}
