using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SeGeoCatalogue.ApiDocs;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Accounts;

/// <summary>Personal API tokens of the signed-in user: create (secret shown once), list, revoke.</summary>
public static class ApiTokensApi
{
    public sealed record NewToken(string? Name);
    public sealed record CreatedToken(long Id, string Name, string Token, DateTimeOffset CreatedAt);
    public sealed record TokenJson(long Id, string Name, DateTimeOffset CreatedAt);

    public static RouteGroupBuilder MapApiTokens(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/account/tokens").WithTags("Account").RequireAuthorization();

        group.MapPost("/", async Task<IResult> (NewToken body, HttpContext http, IViewerAccessor viewers, CatalogueDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var viewer = viewers.Current(http);
            var name = body.Name?.Trim() ?? "";
            if (name.Length is 0 or > 100)
                return new FieldErrors().Add("name", "Name the token (1–100 characters), e.g. after the script that uses it.").ToResult();
            if (await db.ApiTokens.CountAsync(t => t.UserId == viewer.UserId && t.RevokedAt == null, ct) >= ApiToken.MaxActivePerUser)
                return TypedResults.Problem($"You already hold {ApiToken.MaxActivePerUser} live tokens; revoke one (DELETE /api/account/tokens/{{id}}) first.",
                    statusCode: StatusCodes.Status409Conflict);

            var secret = ApiToken.NewSecret();
            var token = new ApiToken { UserId = viewer.UserId!, Name = name, Hash = ApiToken.HashOf(secret), CreatedAt = clock.GetUtcNow() };
            db.ApiTokens.Add(token);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/account/tokens/{token.Id}", new CreatedToken(token.Id, token.Name, secret, token.CreatedAt));
        }).WithSummary("Create an API token (its secret is shown once)").ProducesProblem(StatusCodes.Status409Conflict).Produces<CreatedToken>(StatusCodes.Status201Created);

        // A user holds at most MaxActivePerUser live tokens, so this list needs no paging.
        group.MapGet("/", async (HttpContext http, IViewerAccessor viewers, CatalogueDb db, CancellationToken ct) =>
        {
            var viewer = viewers.Current(http);
            return TypedResults.Ok(await db.ApiTokens.AsNoTracking()
                .Where(t => t.UserId == viewer.UserId && t.RevokedAt == null)
                .OrderBy(t => t.Id)
                .Select(t => new TokenJson(t.Id, t.Name, t.CreatedAt))
                .ToListAsync(ct));
        }).WithSummary("Your API tokens (without their secrets)");

        group.MapDelete("/{id:long}", async Task<Results<NoContent, ProblemHttpResult>> (long id, HttpContext http, IViewerAccessor viewers, CatalogueDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var viewer = viewers.Current(http);
            var now = clock.GetUtcNow();
            var revoked = await db.ApiTokens
                .Where(t => t.Id == id && t.UserId == viewer.UserId && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
            return revoked == 0
                ? TypedResults.Problem($"You hold no live token {id}; GET /api/account/tokens lists yours.", statusCode: StatusCodes.Status404NotFound)
                : TypedResults.NoContent();
        }).WithSummary("Revoke one of your API tokens");

        return group;
    }
}
