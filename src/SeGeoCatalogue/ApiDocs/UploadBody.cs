using Microsoft.OpenApi;

namespace SeGeoCatalogue.ApiDocs;

/// <summary>A form field of a multipart upload the handler reads by hand (ReadFormAsync).</summary>
public sealed record FormField(string Name, string Description, bool IsFile = false, bool Required = false);

/// <summary>Endpoint metadata: the route reads a multipart upload with these fields.</summary>
public sealed record UploadFields(IReadOnlyList<FormField> Fields);

public static class UploadBody
{
    /// <summary>Documents a multipart/form-data body with these fields (a file field is binary).</summary>
    public static TBuilder AcceptsUpload<TBuilder>(this TBuilder builder, params FormField[] fields) where TBuilder : IEndpointConventionBuilder =>
        // The metadata tells the shared rules (such as 413) that there is a body; the transformer writes its fields.
        builder.WithMetadata(new UploadFields(fields)).AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = fields.ToDictionary(f => f.Name, f => (IOpenApiSchema)new OpenApiSchema
                {
                    Type = JsonSchemaType.String, Format = f.IsFile ? "binary" : null, Description = f.Description,
                }),
                Required = fields.Where(f => f.Required).Select(f => f.Name).ToHashSet(),
            };
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["multipart/form-data"] = new() { Schema = schema } },
            };
            return Task.CompletedTask;
        });
}
