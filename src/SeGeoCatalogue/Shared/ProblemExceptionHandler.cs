using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace SeGeoCatalogue.Shared;

/// <summary>
/// Turns the failures a client can cause or cannot help into ProblemDetails instead of a bare 400/500:
/// a query value the framework cannot bind (limit=abc) is a 400 naming the parameter; a body over Kestrel's limit
/// (chunked included) is a 413; an unreachable database is a 503 with Retry-After, logged as one line.
/// Anything else stays a 500 with its stack trace in the log.
/// </summary>
public sealed partial class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    /// <summary>Seconds a client should wait before retrying while the database is unreachable.</summary>
    public const int RetryAfterSeconds = 10;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (http, ct) = (httpContext, cancellationToken);
        if (http.Response.HasStarted) return false;
        var result = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge(http),
            BadHttpRequestException bad when Binding().Match(bad.Message) is { Success: true } m => Unbindable(m, bad),
            _ when IsDatabaseOutage(exception) => Unavailable(http, exception),
            _ => null,
        };
        if (result is null) return false;
        await result.ExecuteAsync(http);
        return true;
    }

    static IResult TooLarge(HttpContext http) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large",
        detail: $"body: the request is larger than the {http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize / 1024 / 1024.0:0.#} MB this route accepts; send a smaller file or simplify the footprint.");

    static IResult Unbindable(Match m, BadHttpRequestException bad)
    {
        var (type, name) = (m.Groups["type"].Value.TrimEnd('?'), m.Groups["name"].Value);
        if (bad.InnerException is System.Text.Json.JsonException { Path: { Length: > 2 } path }) name = path[2..];
        var value = m.Groups["value"].Success ? $"'{m.Groups["value"].Value}' " : "";
        var advice = type switch
        {
            "int" or "long" or "short" => $"{value}is not a whole number in range; give {name} as digits only, e.g. {name}=100.",
            "double" or "float" or "decimal" => $"{value}is not a number; write it with a dot, e.g. {name}=16.5.",
            "bool" => $"{value}is not true or false.",
            "DateOnly" or "DateTime" or "DateTimeOffset" => $"{value}is not a date; write it as YYYY-MM-DD.",
            _ => $"{value}has the wrong type or format for {name}.",
        };
        return new FieldErrors().Add(name, advice).ToResult();
    }

    IResult Unavailable(HttpContext http, Exception exception)
    {
        DatabaseUnavailable(http.Request.Method, http.Request.Path, exception.GetBaseException().Message);
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Database unavailable",
            detail: $"The catalogue cannot reach its database just now; try again in {RetryAfterSeconds} seconds. GET /health shows when it is back.");
    }

    /// <summary>The database (or the pool in front of it) cannot be reached, as opposed to a query that is wrong.</summary>
    static bool IsDatabaseOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            // Npgsql's own exceptions (not the server's PostgresException) are about reaching a server: I/O, timeouts,
            // "No suitable host was found" when a multi-host source has no primary; the server's only when transient.
            if (e is NpgsqlException { IsTransient: true } or SocketException || (e is NpgsqlException && e is not PostgresException)) return true;
        return false;
    }

    [GeneratedRegex("""parameter "(?<type>[^"]*) (?<name>[^" ]+)"(?: from "(?<value>[^"]*)")?""")]
    private static partial Regex Binding();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable: {Method} {Path} answered 503 ({Reason})")]
    partial void DatabaseUnavailable(string method, string path, string reason);
}
