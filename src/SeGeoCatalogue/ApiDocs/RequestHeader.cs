using Microsoft.OpenApi;

namespace SeGeoCatalogue.ApiDocs;

public static class RequestHeader
{
    /// <summary>Documents a request header the handler reads itself (If-Match, Idempotency-Key).</summary>
    public static TBuilder WithHeader<TBuilder>(this TBuilder builder, string name, string description, bool required = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name, In = ParameterLocation.Header, Required = required, Description = description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            return Task.CompletedTask;
        });
}
