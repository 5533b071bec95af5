using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Data;

namespace SeGeoCatalogue.Accounts;

public static class AccountServices
{
    public const string SessionCookie = "segeo.session";

    const string CookieOrToken = "cookie-or-token";

    /// <summary>Identity on the catalogue database, cookie and bearer-token sign-in, roles and the viewer of each request.</summary>
    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var accounts = builder.Configuration.GetSection("Accounts").Get<AccountOptions>() ?? new AccountOptions();
        services.AddOptions<AccountOptions>().BindConfiguration("Accounts");

        services.AddIdentityCore<CatalogueUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B): at least 10 characters, not all the same few.
                o.Password.RequiredLength = 10;
                o.Password.RequiredUniqueChars = 4;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = accounts.LockoutFailures;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(accounts.LockoutMinutes);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CatalogueDb>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<CatalogueClaimsFactory>();

        // Cookies and antiforgery tokens stay valid across restarts and across web nodes.
        services.AddDataProtection().SetApplicationName("SeGeoCatalogue").PersistKeysToDbContext<CatalogueDb>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrToken;
                o.DefaultChallengeScheme = CookieOrToken;
                o.DefaultForbidScheme = CookieOrToken;
            })
            .AddPolicyScheme(CookieOrToken, null, o => o.ForwardDefaultSelector = http =>
                ApiTokenHandler.IsBearer(http.Request) ? ApiTokenHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(o =>
            {
                o.Cookie.Name = SessionCookie;
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = accounts.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromHours(accounts.SessionHours);
                o.SlidingExpiration = true;
                o.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = EnsureStillActiveAsync,
                    // An API answers 401/403; the web app shows its own sign-in page.
                    OnRedirectToLogin = c => AccountProblems.WriteAsync(c.HttpContext, StatusCodes.Status401Unauthorized, AccountProblems.SignInDetail),
                    OnRedirectToAccessDenied = c => AccountProblems.WriteAsync(c.HttpContext, StatusCodes.Status403Forbidden, AccountProblems.ForbiddenDetail),
                };
            }));

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Member, p => p.RequireRole(Roles.Member, Roles.Curator))
            .AddPolicy(Policies.Curator, p => p.RequireRole(Roles.Curator));

        services.AddHttpContextAccessor();
        services.AddSingleton<IViewerAccessor, ClaimsViewerAccessor>();
    }

    /// <summary>
    /// A session ends as soon as its user is deactivated or their roles or organisation change (both renew the
    /// security stamp): one indexed lookup per cookie request, instead of Identity's default 30-minute window.
    /// </summary>
    static async Task EnsureStillActiveAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var id = principal?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        var stamp = principal?.FindFirst(new ClaimsIdentityOptions().SecurityStampClaimType)?.Value;
        var db = context.HttpContext.RequestServices.GetRequiredService<CatalogueDb>();
        if (id is null || !await db.Users.AnyAsync(u => u.Id == id && u.Active && u.SecurityStamp == stamp, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}
