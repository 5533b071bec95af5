using Microsoft.AspNetCore.WebUtilities;

namespace SeGeoCatalogue.Accounts;

/// <summary>ProblemDetails bodies for 401/403 written by authentication handlers (which run outside endpoints).</summary>
public static class AccountProblems
{
    public const string SignInDetail =
        "Sign in first (POST /api/account/sign-in) or send a personal token as Authorization: Bearer <token>.";
    public const string ForbiddenDetail =
        "Your account may not do this: it needs the curator role, or membership of the organisation that holds the record.";

    public static Task WriteAsync(HttpContext http, int status, string detail)
    {
        http.Response.StatusCode = status;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = ReasonPhrases.GetReasonPhrase(status), Detail = detail },
        }).AsTask();
    }
}
