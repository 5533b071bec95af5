namespace SeGeoCatalogue.Requests;

/// <summary>
/// A notification to one person, written in the same transaction as the step it tells about. The
/// <see cref="OutboxSender"/> mails it when SMTP is configured; the recipient also reads it in the web app.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int? RequestId { get; set; }
    public required string RecipientUserId { get; set; }
    public required string RecipientEmail { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>A sender holds the row until then; another sender may take it over after (it crashed).</summary>
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>Set when the sender gave up after Mail:MaxAttempts.</summary>
    public DateTimeOffset? FailedAt { get; set; }
    public string? LastError { get; set; }
}
