using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SeGeoCatalogue.Data;

namespace SeGeoCatalogue.Accounts;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against the stored hashes. Revoked tokens and tokens of
/// deactivated users fail; the roles and organisation are read fresh on every request.
/// </summary>
public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, CatalogueDb db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    public static bool IsBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!IsBearer(Request)) return AuthenticateResult.NoResult();
        var secret = Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        var hash = ApiToken.HashOf(secret);
        var found = await (
            from t in db.ApiTokens
            join u in db.Users on t.UserId equals u.Id
            where t.Hash == hash && t.RevokedAt == null && u.Active
            select new
            {
                u.Id, u.Email, u.DisplayName, u.OrganisationId,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Select(r => r.RoleId).ToList(),
            }).AsNoTracking().FirstOrDefaultAsync(Context.RequestAborted);
        if (found is null) return AuthenticateResult.Fail("The token is unknown, revoked, or its user is deactivated.");

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, found.Id),
            new(ClaimTypes.Email, found.Email ?? ""),
            new(ClaimTypes.GivenName, found.DisplayName),
        };
        // Role ids are the role names (fixed rows, see AccountsModel).
        claims.AddRange(found.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (found.OrganisationId is { } org)
            claims.Add(new Claim(AccountClaims.Organisation, org.ToString(CultureInfo.InvariantCulture)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return AccountProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized,
            "The bearer token is unknown, revoked, or belongs to a deactivated account; create a new one with POST /api/account/tokens.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AccountProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, AccountProblems.ForbiddenDetail);
}
