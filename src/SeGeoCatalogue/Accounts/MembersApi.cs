using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Accounts;

/// <summary>Curators list, create, deactivate and reactivate accounts.</summary>
public static class MembersApi
{
    static readonly PageBounds MembersPage = new(100, 1000);

    /// <summary>A new account; <c>role</c> is member (default, needs an organisation) or curator. The curator passes on the first password.</summary>
    public sealed record NewMember(string? Email, string? Name, string? Password, int? OrganisationId, string? Role);

    public static RouteGroupBuilder MapMembers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/members").WithTags("Members").RequireAuthorization(Policies.Curator);

        group.MapGet("/", async (int? limit, int? offset, int? organisation, CatalogueDb db, CancellationToken ct) =>
        {
            var page = Paging.From(limit, offset, MembersPage);
            var users = db.Users.AsNoTracking().Where(u => organisation == null || u.OrganisationId == organisation);
            var items = await MemberJson.Select(db, users.OrderBy(u => u.NormalizedEmail).Skip(page.Offset).Take(page.Limit)).ToListAsync(ct);
            return TypedResults.Ok(new ListPage<MemberJson>(await users.LongCountAsync(ct), page.Limit, page.Offset, items));
        }).WithSummary("Members, paged (curators)").WithMetadata(MembersPage);

        group.MapPost("/", CreateAsync).WithSummary("Add a member (curators)").Produces<MemberJson>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/deactivate", (string id, HttpContext http, IViewerAccessor viewers, UserManager<CatalogueUser> users, CatalogueDb db, TimeProvider clock) =>
            SetActiveAsync(id, false, viewers.Current(http), users, db, clock)).WithSummary("Deactivate a member: their sessions and tokens stop working").Produces<MemberJson>().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/activate", (string id, HttpContext http, IViewerAccessor viewers, UserManager<CatalogueUser> users, CatalogueDb db, TimeProvider clock) =>
            SetActiveAsync(id, true, viewers.Current(http), users, db, clock)).WithSummary("Activate a member again").Produces<MemberJson>().ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    static async Task<IResult> CreateAsync(NewMember body, UserManager<CatalogueUser> users, CatalogueDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var email = body.Email?.Trim() ?? "";
        var name = body.Name?.Trim() ?? "";
        var role = body.Role?.Trim().ToLowerInvariant() is { Length: > 0 } r ? r : Roles.Member;
        if (email.Length > 256 || !System.Net.Mail.MailAddress.TryCreate(email, out _))
            errors.Add("email", "Give a valid email address, e.g. name@organisation.org; it is the sign-in name.");
        if (name.Length is 0 or > 200) errors.Add("name", "Give the person's name (1–200 characters).");
        if (!Roles.All.Contains(role)) errors.Add("role", $"'{role}' is not a role; use member or curator.");
        if (role == Roles.Member && body.OrganisationId is null)
            errors.Add("organisation_id", "A member belongs to one organisation: give its id (GET /api/organisations).");
        if (body.OrganisationId is { } org && !await db.Organisations.AnyAsync(o => o.Id == org && o.Active, ct))
            errors.Add("organisation_id", $"There is no active organisation {org}; create it first (POST /api/organisations).");

        var user = new CatalogueUser
        {
            UserName = email, Email = email, DisplayName = name, OrganisationId = body.OrganisationId, CreatedAt = clock.GetUtcNow(),
        };
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, body.Password ?? "");
            foreach (var e in result.Errors) errors.Add("password", $"{e.Description} Choose a longer passphrase.");
        }
        if (errors.Any) return errors.ToResult();
        if (await users.FindByEmailAsync(email) is not null)
            return TypedResults.Problem($"An account for {email} exists already; GET /api/members lists it.", statusCode: StatusCodes.Status409Conflict);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, body.Password!);
        if (created.Succeeded) created = await users.AddToRoleAsync(user, role);
        if (!created.Succeeded)
            return TypedResults.Problem(string.Join(" ", created.Errors.Select(e => e.Description)), statusCode: StatusCodes.Status409Conflict);
        await tx.CommitAsync(ct);

        var json = await MemberJson.Select(db, db.Users.AsNoTracking().Where(u => u.Id == user.Id)).SingleAsync(ct);
        return TypedResults.Created($"/api/members/{user.Id}", json);
    }

    static async Task<IResult> SetActiveAsync(string id, bool active, Viewer curator, UserManager<CatalogueUser> users, CatalogueDb db, TimeProvider clock)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return TypedResults.Problem($"There is no account {id}; GET /api/members lists them.", statusCode: StatusCodes.Status404NotFound);
        if (!active && user.Id == curator.UserId)
            return TypedResults.Problem("You cannot deactivate your own account; ask another curator.", statusCode: StatusCodes.Status409Conflict);
        await using var tx = await db.Database.BeginTransactionAsync();
        user.Active = active;
        // A new security stamp ends the user's open sessions at their next request; revoking the tokens means a
        // later reactivation starts with none (the person makes new ones).
        await users.UpdateSecurityStampAsync(user);
        if (!active)
        {
            var now = clock.GetUtcNow();
            await db.ApiTokens.Where(t => t.UserId == id && t.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now));
        }
        await tx.CommitAsync();
        return TypedResults.Ok(await MemberJson.Select(db, db.Users.AsNoTracking().Where(u => u.Id == id)).SingleAsync());
    }
}
