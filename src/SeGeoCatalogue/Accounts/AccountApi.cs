using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Accounts;

/// <summary>Cookie sign-in for the web app, who am I, and the antiforgery token for cookie writes.</summary>
public static class AccountApi
{
    public sealed record SessionJson(MemberJson? User);

    public sealed record SignInRequest(string? Email, string? Password);
    public sealed record AntiforgeryToken(string Token);

    public static RouteGroupBuilder MapAccount(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/account").WithTags("Account");

        // Anonymous: a page that signs in again over a still-open session needs no antiforgery token first.
        group.MapPost("/sign-in", SignInAsync).RequireRateLimiting(WebSecurity.SignInRateLimit).AllowAnonymous().WithSummary("Sign in with e-mail and password (sets the session cookie)").Produces<MemberJson>().ProducesProblem(StatusCodes.Status401Unauthorized);

        // A new security stamp ends the account's sessions on the server (cookies are checked against it on every
        // request), so a copy of the cookie stops working too; it signs the account out of every browser.
        group.MapPost("/sign-out", async (HttpContext http, IViewerAccessor viewers, UserManager<CatalogueUser> users) =>
        {
            if (viewers.Current(http).UserId is { } id && await users.FindByIdAsync(id) is { } user)
                await users.UpdateSecurityStampAsync(user);
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            return TypedResults.NoContent();
        }).WithSummary("Sign out of every browser (ends all the account's sessions)");

        // For pages: who is signed in, or nobody — a 200 either way, so an anonymous visit logs no failed request.
        group.MapGet("/session", async (HttpContext http, IViewerAccessor viewers, CatalogueDb db, CancellationToken ct) =>
        {
            var viewer = viewers.Current(http);
            var me = viewer.IsAnonymous ? null
                : await MemberJson.Select(db, db.Users.AsNoTracking().Where(u => u.Id == viewer.UserId)).SingleOrDefaultAsync(ct);
            return TypedResults.Ok(new SessionJson(me));
        }).WithSummary("Who is signed in (user is null for nobody)");

        group.MapGet("/me", async Task<Results<Ok<MemberJson>, ProblemHttpResult>> (HttpContext http, IViewerAccessor viewers, CatalogueDb db, CancellationToken ct) =>
        {
            var viewer = viewers.Current(http);
            var me = viewer.IsAnonymous ? null
                : await MemberJson.Select(db, db.Users.AsNoTracking().Where(u => u.Id == viewer.UserId)).SingleOrDefaultAsync(ct);
            return me is null
                ? TypedResults.Problem(AccountProblems.SignInDetail, statusCode: StatusCodes.Status401Unauthorized)
                : TypedResults.Ok(me);
        }).WithSummary("The signed-in member");

        group.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
            TypedResults.Ok(new AntiforgeryToken(antiforgery.GetAndStoreTokens(http).RequestToken!))).WithSummary("The antiforgery token to send as X-CSRF-TOKEN with cookie-authenticated writes");

        return group;
    }

    static async Task<IResult> SignInAsync(
        SignInRequest body, HttpContext http, UserManager<CatalogueUser> users, SignInManager<CatalogueUser> signIn, CatalogueDb db)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(body.Email)) errors.Add("email", "Give the email address of your account.");
        if (string.IsNullOrEmpty(body.Password)) errors.Add("password", "Give your password.");
        if (errors.Any) return errors.ToResult();

        var email = body.Email!.Trim();
        var audit = http.Features.Get<AuditNote>();
        if (audit is not null)
        {
            audit.Action = "sign-in";
            audit.UserName = email.Length > 256 ? email[..256] : email;
        }
        IResult Refuse(string outcome, string detail)
        {
            audit?.Detail.Add("outcome", outcome);
            return TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in refused");
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null) return Refuse("unknown-email", "The email or password is wrong.");
        if (audit is not null) audit.UserId = user.Id;
        var check = await signIn.CheckPasswordSignInAsync(user, body.Password!, lockoutOnFailure: true);
        if (check.IsLockedOut)
            return Refuse("locked-out", "Too many wrong passwords: this account is locked for a while. Try again later or ask a curator.");
        if (!check.Succeeded) return Refuse("wrong-password", "The email or password is wrong.");
        if (!user.Active) return Refuse("deactivated", "This account has been deactivated; ask a MIMU curator.");

        await signIn.SignInAsync(user, isPersistent: false);
        audit?.Detail.Add("outcome", "signed-in");
        var me = await MemberJson.Select(db, db.Users.AsNoTracking().Where(u => u.Id == user.Id)).SingleAsync();
        return TypedResults.Ok(me);
    }
}
