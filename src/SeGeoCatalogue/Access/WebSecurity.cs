using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using SeGeoCatalogue.Accounts;

namespace SeGeoCatalogue.Access;

/// <summary>Antiforgery for cookie writes, the sign-in rate limit, security headers, and their place in the pipeline.</summary>
public static class WebSecurity
{
    public const string SignInRateLimit = "sign-in";
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data: https://*.tile.openstreetmap.org; style-src 'self'; script-src 'self'; " +
        "frame-ancestors 'none'; object-src 'none'; base-uri 'self'";

    public static void AddWebSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var secure = builder.Configuration.GetSection("Accounts").Get<AccountOptions>()?.SecureCookies ?? true;
        services.Configure<ForwardedHeadersOptions>(o => TrustConfiguredProxies(o, builder.Configuration.GetSection("ForwardedHeaders")));
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHeader;
            o.Cookie.Name = "segeo.csrf";
            o.Cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // frame-ancestors 'none' and X-Frame-Options DENY are sent on every response instead.
            o.SuppressXFrameOptionsHeader = true;
        });
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(SignInRateLimit, http =>
            {
                var limit = http.RequestServices.GetRequiredService<IOptions<AccountOptions>>().Value.SignInsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            o.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return new ValueTask(AccountProblems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests,
                    "Too many sign-in attempts from this address; wait a minute and try again."));
            };
        });
    }

    /// <summary>
    /// The scheme and client address a TLS proxy saw (rate limits and the audit use the address), believed only from
    /// the proxies named in ForwardedHeaders:KnownProxies (addresses) or ForwardedHeaders:KnownNetworks (CIDR). With
    /// none named, forwarded headers are ignored: ASP.NET Core's default trusts loopback, and with both lists empty
    /// it would trust anyone.
    /// </summary>
    static void TrustConfiguredProxies(ForwardedHeadersOptions o, IConfiguration config)
    {
        var proxies = config.GetSection("KnownProxies").Get<string[]>() ?? [];
        var networks = config.GetSection("KnownNetworks").Get<string[]>() ?? [];
        o.KnownProxies.Clear();
        o.KnownIPNetworks.Clear();
        foreach (var proxy in proxies) o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        foreach (var network in networks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        o.ForwardedHeaders = proxies.Length + networks.Length == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    }

    /// <summary>Sends the security headers on every response, error pages included (so it goes first in the pipeline).</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            return Task.CompletedTask;
        });
        await next(http);
    });

    /// <summary>
    /// Forwarded headers, rate limits, authentication, the audit of writes, antiforgery, authorisation — in this
    /// order, so that refused writes are audited too and rate-limited floods are not.
    /// </summary>
    public static IApplicationBuilder UseAccessControl(this IApplicationBuilder app)
    {
        app.UseForwardedHeaders();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<AuditMiddleware>();
        app.Use(RequireAntiforgeryOnCookieWrites);
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// A write under /api that a browser cookie authenticates must carry the antiforgery token; bearer-token
    /// requests cannot be forged by another site and anonymous ones carry no authority, so both are exempt, as are
    /// endpoints open to anyone (sign-in), which the session's authority does not change.
    /// </summary>
    static async Task RequireAntiforgeryOnCookieWrites(HttpContext http, RequestDelegate next)
    {
        if (IsWrite(http.Request) && http.User.Identity?.IsAuthenticated == true && !ApiTokenHandler.IsBearer(http.Request)
            && http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null
            && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            await AccountProblems.WriteAsync(http, StatusCodes.Status400BadRequest,
                $"This write needs the antiforgery token: GET /api/account/antiforgery after signing in and send its token as header {AntiforgeryHeader}.");
            return;
        }
        await next(http);
    }

    public static bool IsWrite(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") && !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
}
