using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using Npgsql;

namespace SeGeoCatalogue.Requests;

/// <summary>
/// Mails the outbox when SMTP is configured. Rows are claimed with FOR UPDATE SKIP LOCKED and a lease, so two
/// instances never take the same row; a row is marked sent right after the server accepted it. A failed attempt
/// waits (doubling from Mail:RetrySeconds) and after Mail:MaxAttempts the row is marked failed. A crash between
/// the server's accept and the mark is the one window that can repeat a mail; each carries a Message-Id made from
/// its row id, so a receiving server can drop the repeat.
/// </summary>
public sealed partial class OutboxSender(NpgsqlDataSource data, IOptions<MailOptions> options, TimeProvider clock, ILogger<OutboxSender> log)
    : BackgroundService
{
    sealed record Claimed(long Id, string To, string Subject, string Body, int Attempts);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var mail = options.Value;
        if (!mail.Configured)
        {
            LogNotConfigured();
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await SendDueAsync(mail, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Most often the database is away; the rows stay in the outbox for the next round.
                LogRoundFailed(e.Message);
            }
            if (sent == 0)
            {
                try { await Task.Delay(TimeSpan.FromSeconds(mail.PollSeconds), clock, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Claims the due rows and mails them over one connection; returns how many were sent.</summary>
    async Task<int> SendDueAsync(MailOptions mail, CancellationToken ct)
    {
        var batch = await ClaimAsync(mail, ct);
        if (batch.Count == 0) return 0;
        var sent = 0;
        using var smtp = new SmtpClient { Timeout = 30_000 };
        try
        {
            await smtp.ConnectAsync(mail.Host!, mail.Port, mail.SocketOptions, ct);
            if (!string.IsNullOrEmpty(mail.UserName)) await smtp.AuthenticateAsync(mail.UserName, mail.Password ?? "", ct);
        }
        catch (Exception e)
        {
            foreach (var message in batch)
            {
                if (ct.IsCancellationRequested) await ReleaseAsync(message.Id);
                else await FailedAsync(message, mail, $"connecting to {mail.Host}:{mail.Port}: {e.Message}");
            }
            return 0;
        }
        foreach (var message in batch)
        {
            if (ct.IsCancellationRequested)
            {
                // Shutting down: hand the rest back at once rather than after the lease.
                await ReleaseAsync(message.Id);
                continue;
            }
            try
            {
                // Not cancelled half-way: a message the server accepted must be marked sent, or it would go twice.
                await smtp.SendAsync(ToMime(message, mail), CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await FailedAsync(message, mail, e.Message);
                continue;
            }
            // Not cancellable: the server has the message, so the row must say so.
            await MarkSentAsync(message.Id);
            sent++;
        }
        try { await smtp.DisconnectAsync(true, CancellationToken.None); } catch (Exception) { /* everything is delivered and marked already */ }
        return sent;
    }

    async Task<List<Claimed>> ClaimAsync(MailOptions mail, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var cmd = data.CreateCommand("""
            UPDATE mail_outbox o SET locked_until = @lease_end, attempts = o.attempts + 1
            FROM (SELECT id FROM mail_outbox
                  WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= @now
                    AND (locked_until IS NULL OR locked_until < @now)
                  ORDER BY id LIMIT @batch FOR UPDATE SKIP LOCKED) due
            WHERE o.id = due.id
            RETURNING o.id, o.recipient_email, o.subject, o.body, o.attempts
            """);
        cmd.Parameters.AddWithValue("now", now);
        cmd.Parameters.AddWithValue("lease_end", now.AddSeconds(mail.LeaseSeconds));
        cmd.Parameters.AddWithValue("batch", mail.BatchSize);
        var claimed = new List<Claimed>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            claimed.Add(new Claimed(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4)));
        return claimed.OrderBy(c => c.Id).ToList();
    }

    static MimeMessage ToMime(Claimed message, MailOptions mail)
    {
        var mime = new MimeMessage { Subject = message.Subject, Body = new TextPart("plain") { Text = message.Body } };
        mime.From.Add(MailboxAddress.Parse(mail.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.MessageId = $"outbox-{message.Id}@segeo.catalogue";
        return mime;
    }

    async Task MarkSentAsync(long id)
    {
        await using var cmd = data.CreateCommand("UPDATE mail_outbox SET sent_at = @now, locked_until = NULL, last_error = NULL WHERE id = @id");
        cmd.Parameters.AddWithValue("now", clock.GetUtcNow());
        cmd.Parameters.AddWithValue("id", id);
        await cmd.ExecuteNonQueryAsync(CancellationToken.None);
        LogSent(id);
    }

    async Task ReleaseAsync(long id)
    {
        await using var cmd = data.CreateCommand("UPDATE mail_outbox SET locked_until = NULL, attempts = attempts - 1 WHERE id = @id AND sent_at IS NULL");
        cmd.Parameters.AddWithValue("id", id);
        await cmd.ExecuteNonQueryAsync(CancellationToken.None);
    }

    async Task FailedAsync(Claimed message, MailOptions mail, string error)
    {
        var now = clock.GetUtcNow();
        var giveUp = message.Attempts >= mail.MaxAttempts;
        await using var cmd = data.CreateCommand("""
            UPDATE mail_outbox SET locked_until = NULL, last_error = @error, next_attempt_at = @next, failed_at = @failed
            WHERE id = @id
            """);
        cmd.Parameters.AddWithValue("error", error);
        cmd.Parameters.AddWithValue("next", now + mail.RetryAfter(message.Attempts));
        cmd.Parameters.AddWithValue("failed", giveUp ? now : DBNull.Value);
        cmd.Parameters.AddWithValue("id", message.Id);
        await cmd.ExecuteNonQueryAsync(CancellationToken.None);
        LogFailed(message.Id, message.Attempts, giveUp, error);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No Mail:Host configured: notifications stay in the outbox and in the web app.")]
    partial void LogNotConfigured();

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailed outbox message {Id}.")]
    partial void LogSent(long id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id}, attempt {Attempts} failed (gave up: {GaveUp}): {Error}")]
    partial void LogFailed(long id, int attempts, bool gaveUp, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An outbox round failed, trying again later: {Error}")]
    partial void LogRoundFailed(string error);
}
