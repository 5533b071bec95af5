using System.Text.Json;
using Npgsql;

namespace SeGeoCatalogue.Access;

/// <summary>What an endpoint adds to its audit line (the sign-in names the email tried and the outcome).</summary>
public sealed class AuditNote
{
    public string? Action { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public Dictionary<string, object?> Detail { get; } = [];
}

/// <summary>
/// Writes one audit_log row per write under /api (POST, PUT, PATCH, DELETE), after the response: who, when,
/// which route, the path, the status and the client address. Plain SQL on its own connection, so a write that
/// failed in the endpoint's DbContext cannot be retried by the audit.
/// </summary>
public sealed partial class AuditMiddleware(RequestDelegate next, NpgsqlDataSource data, IViewerAccessor viewers, TimeProvider clock, ILogger<AuditMiddleware> log)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (!WebSecurity.IsWrite(http.Request))
        {
            await next(http);
            return;
        }
        var note = new AuditNote();
        http.Features.Set(note);
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(http);
            status = http.Response.StatusCode;
        }
        finally
        {
            await WriteAsync(http, note, status);
        }
    }

    async Task WriteAsync(HttpContext http, AuditNote note, int status)
    {
        var viewer = viewers.Current(http);
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText?.TrimEnd('/');
        note.Detail["status"] = status;
        try
        {
            await using var cmd = data.CreateCommand("""
                INSERT INTO audit_log (at, user_id, user_name, action, target, detail, ip)
                VALUES (@at, @user_id, @user_name, @action, @target, @detail::jsonb, @ip)
                """);
            cmd.Parameters.AddWithValue("at", clock.GetUtcNow());
            cmd.Parameters.AddWithValue("user_id", (object?)note.UserId ?? viewer.UserId ?? (object)DBNull.Value);
            cmd.Parameters.AddWithValue("user_name", note.UserName ?? viewer.Name);
            cmd.Parameters.AddWithValue("action", note.Action ?? $"{http.Request.Method} {route ?? http.Request.Path.Value}");
            cmd.Parameters.AddWithValue("target", http.Request.Path.Value ?? "");
            cmd.Parameters.AddWithValue("detail", JsonSerializer.Serialize(note.Detail));
            cmd.Parameters.AddWithValue("ip", (object?)http.Connection.RemoteIpAddress?.ToString() ?? DBNull.Value);
            await cmd.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException e)
        {
            LogAuditFailed(http.Request.Path.Value, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the audit line for {Path}: {Error}")]
    partial void LogAuditFailed(string? path, string error);
}
