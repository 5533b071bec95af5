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
    /// <summary>The audit_log row already written in the write's transaction, if any.</summary>
    public long? LineId { get; set; }
}

/// <summary>
/// Writes one audit_log row per write under /api (POST, PUT, PATCH, DELETE): who, when, which route, the path, the
/// status and the client address. A write that commits a transaction through the DbContext has its line written in
/// that transaction (<see cref="AuditInWriteTransaction"/>), and here only gets its final status; any other write's
/// line is written here, after the response, on its own connection, so a failed write cannot be retried by the audit.
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
        note.Detail["status"] = status;
        try
        {
            await using var cmd = data.CreateCommand(note.LineId is null ? AuditLine.InsertSql : AuditLine.UpdateSql);
            AuditLine.AddParameters(cmd, http, note, viewers.Current(http), clock.GetUtcNow());
            if (note.LineId is { } id) cmd.Parameters.AddWithValue("id", id);
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

/// <summary>The audit_log row of a request, as SQL and parameters (one place for both writers of it).</summary>
public static class AuditLine
{
    public const string InsertSql = """
        INSERT INTO audit_log (at, user_id, user_name, action, target, detail, ip)
        VALUES (@at, @user_id, @user_name, @action, @target, @detail::jsonb, @ip)
        RETURNING id
        """;

    /// <summary>The same, inside a write's transaction: the detail also names the transaction (its rows' xmin).</summary>
    public const string InsertInTransactionSql = """
        INSERT INTO audit_log (at, user_id, user_name, action, target, detail, ip)
        VALUES (@at, @user_id, @user_name, @action, @target, @detail::jsonb || jsonb_build_object('transaction', pg_current_xact_id()::text), @ip)
        RETURNING id
        """;

    /// <summary>Completes a line written in the write's transaction: the final status, and what the endpoint noted since.</summary>
    public const string UpdateSql = """
        UPDATE audit_log SET user_id = @user_id, user_name = @user_name, action = @action, detail = detail || @detail::jsonb WHERE id = @id
        """;

    public static void AddParameters(NpgsqlCommand cmd, HttpContext http, AuditNote note, Viewer viewer, DateTimeOffset at)
    {
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText?.TrimEnd('/');
        cmd.Parameters.AddWithValue("at", at);
        cmd.Parameters.AddWithValue("user_id", (object?)note.UserId ?? viewer.UserId ?? (object)DBNull.Value);
        cmd.Parameters.AddWithValue("user_name", note.UserName ?? viewer.Name);
        cmd.Parameters.AddWithValue("action", note.Action ?? $"{http.Request.Method} {route ?? http.Request.Path.Value}");
        cmd.Parameters.AddWithValue("target", http.Request.Path.Value ?? "");
        cmd.Parameters.AddWithValue("detail", JsonSerializer.Serialize(note.Detail));
        cmd.Parameters.AddWithValue("ip", (object?)http.Connection.RemoteIpAddress?.ToString() ?? DBNull.Value);
    }
}
