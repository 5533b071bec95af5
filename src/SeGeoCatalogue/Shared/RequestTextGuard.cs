namespace SeGeoCatalogue.Shared;

/// <summary>
/// Refuses control characters and over-long values in the path and in every query parameter before a handler (or
/// PostgreSQL) sees them: a 400 ProblemDetails naming the parameter.
/// </summary>
public static class RequestTextGuard
{
    /// <summary>Longest value one query parameter may have (a bbox, a search text, a list of codes).</summary>
    public const int MaxQueryValueLength = 500;

    public static IApplicationBuilder UseRequestTextGuard(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var errors = new FieldErrors();
        if (TextRules.Problem(http.Request.Path.Value ?? "") is { } pathProblem) errors.Add("path", $"The address {pathProblem}");
        foreach (var (key, values) in http.Request.Query)
        {
            var name = TextRules.Problem(key) is null ? key : Uri.EscapeDataString(key);
            foreach (var value in values)
            {
                if (value is null) continue;
                if ((TextRules.Problem(key) ?? TextRules.Problem(value)) is { } problem) errors.Add(name, $"The value {problem}");
                else if (value.Length > MaxQueryValueLength)
                    errors.Add(name, $"The value has {value.Length:N0} characters; at most {MaxQueryValueLength} are accepted.");
            }
        }
        if (errors.Any)
        {
            await errors.ToResult().ExecuteAsync(http);
            return;
        }
        await next(http);
    });
}
