namespace SeGeoCatalogue.Access;

/// <summary>One line of the audit log: a sign-in attempt or a write, who, when, from where, with what outcome.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? UserId { get; set; }
    /// <summary>The email of the signed-in user, the email typed at a sign-in, or "anonymous".</summary>
    public required string UserName { get; set; }
    /// <summary>"sign-in", or the method and route of a write, e.g. "POST /api/datasets/{id}/publish".</summary>
    public required string Action { get; set; }
    /// <summary>The request path.</summary>
    public required string Target { get; set; }
    /// <summary>JSON object: at least the response status; endpoints may add an outcome.</summary>
    public string Detail { get; set; } = "{}";
    public string? Ip { get; set; }
}
