using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace SeGeoCatalogue.ApiDocs;

/// <summary>
/// The problem answers that come from the pipeline rather than from one handler, each stated in one place for every
/// operation it applies to (a handler's own problems are its endpoint's <c>.ProducesProblem</c>):
/// 400 on every route (the request text guard and the handlers' field checks name the field, as
/// HttpValidationProblemDetails), 401/403 where a policy applies, 404 where the path names something, 413 where there is
/// a body, 429 where a rate limit applies, 503 everywhere (sessions and data live in PostgreSQL).
/// </summary>
public static class ProblemResponses
{
    public const string MediaType = "application/problem+json";

    public static async Task ApplyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var authorised = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var hasPathParameters = (context.Description.RelativePath ?? "").Contains('{', StringComparison.Ordinal);
        var hasBody = operation.RequestBody is not null || metadata.OfType<UploadFields>().Any();

        operation.Responses ??= [];
        await AddAsync(operation, context, "400", "The request is malformed: the problem names each field and the fix.", validation: true, ct);
        if (authorised)
        {
            await AddAsync(operation, context, "401", "Not signed in: sign in (POST /api/account/sign-in) or send an API token as Authorization: Bearer.", false, ct);
            await AddAsync(operation, context, "403", "Signed in, but this needs another role or organisation.", false, ct);
        }
        if (hasPathParameters) await AddAsync(operation, context, "404", "Nothing with this id that you may see.", false, ct);
        if (hasBody) await AddAsync(operation, context, "413", "The body is over the size limit the problem names.", false, ct);
        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
            await AddAsync(operation, context, "429", "Too many attempts: wait the Retry-After seconds.", false, ct);
        await AddAsync(operation, context, "503", "The database is unreachable: retry after the Retry-After seconds.", false, ct);
    }

    static async Task AddAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, string status, string description,
        bool validation, CancellationToken ct)
    {
        // A handler's own answer for this status (.ProducesProblem, .Produces) stays as it is.
        if (operation.Responses!.ContainsKey(status)) return;
        var type = validation ? typeof(HttpValidationProblemDetails) : typeof(Microsoft.AspNetCore.Mvc.ProblemDetails);
        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(type.Name) != true)
            document.AddComponent(type.Name, await context.GetOrCreateSchemaAsync(type, null, ct));
        var schema = new OpenApiSchemaReference(type.Name, document);
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [MediaType] = new() { Schema = schema } },
        };
    }
}
