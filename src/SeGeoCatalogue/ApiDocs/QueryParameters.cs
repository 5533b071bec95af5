using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.ApiDocs;

/// <summary>
/// Adds the parameters a handler reads by hand (<see cref="DocumentedQuery"/>) and states limit/offset bounds from the
/// endpoint's <see cref="PageBounds"/>, replacing what the framework inferred from the handler's signature.
/// </summary>
public static class QueryParameters
{
    public static Task ApplyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var documented = metadata.OfType<DocumentedQuery>().SelectMany(d => d.Parameters).ToList();
        if (metadata.OfType<PageBounds>().LastOrDefault() is { } page)
        {
            documented.Add(new("limit", $"The page size: at most {page.MaxLimit:N0} (a larger one is clamped to it); {page.DefaultLimit:N0} when left out.",
                () => Schemas.WholeNumber(1, page.MaxLimit, page.DefaultLimit)));
            documented.Add(new("offset", "How many matching items to skip (the next page's offset is offset + limit).",
                () => Schemas.WholeNumber(0, null, 0)));
        }
        if (documented.Count == 0) return Task.CompletedTask;

        operation.Parameters ??= [];
        foreach (var parameter in documented)
        {
            var index = operation.Parameters.ToList().FindIndex(p => p.Name == parameter.Name && p.In == ParameterLocation.Query);
            if (index >= 0) operation.Parameters[index] = parameter.ToOpenApi();
            else operation.Parameters.Add(parameter.ToOpenApi());
        }
        return Task.CompletedTask;
    }
}
