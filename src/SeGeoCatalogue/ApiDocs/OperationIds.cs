using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SeGeoCatalogue.ApiDocs;

/// <summary>
/// An operationId for every operation that has no name of its own (.WithName): the method and the path, e.g.
/// GET /api/datasets/{id}/history → getApiDatasetsByIdHistory — stable, and unique because method and path are.
/// </summary>
public static class OperationIds
{
    public static Task ApplyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (operation.OperationId is null && context.Description.HttpMethod is { } method)
            operation.OperationId = method.ToLowerInvariant() + string.Concat((context.Description.RelativePath ?? "")
                .Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Segment));
        return Task.CompletedTask;
    }

    static string Segment(string segment)
    {
        var parameter = segment.StartsWith('{');
        var words = segment.Trim('{', '}').Split(':')[0].Split(['-', '_', '.'], StringSplitOptions.RemoveEmptyEntries);
        var name = string.Concat(words.Select(w => char.ToUpper(w[0], CultureInfo.InvariantCulture) + w[1..]));
        return parameter ? "By" + name : name;
    }
}
