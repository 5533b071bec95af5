using System.Globalization;
using SeGeoCatalogue.Tests.Access;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Requests;

/// <summary>
/// The app with SMTP pointed at a loopback port where each test starts (or not) an <see cref="SmtpSink"/>; short
/// poll and retry times so a test sees several rounds in seconds. Can restart the app, or start a second instance,
/// on the same database.
/// </summary>
public sealed class MailFixture : AccessFixture
{
    public int SmtpPort { get; } = SmtpSink.FreePort();
    readonly List<CatalogueApp> _others = [];

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = SmtpPort.ToString(CultureInfo.InvariantCulture),
        ["Mail:Security"] = "none",
        ["Mail:From"] = "Catalogue <catalogue@segeo.test>",
        ["Mail:PollSeconds"] = "0.2",
        ["Mail:RetrySeconds"] = "0.4",
        ["Mail:MaxAttempts"] = "100",
        ["Mail:LeaseSeconds"] = "30",
    };

    /// <summary>Stops the app (as a deployment would) and starts a new one on the same database.</summary>
    public async Task RestartAsync()
    {
        var connectionString = App.ConnectionString;
        await App.DisposeAsync();
        App = new AccessApp(connectionString, 1000, Settings);
        await App.StartAsync();
    }

    /// <summary>A second instance of the service on the same database, sending from the same outbox.</summary>
    public async Task<CatalogueApp> StartAnotherInstanceAsync()
    {
        var other = new AccessApp(App.ConnectionString, 1000, Settings);
        await other.StartAsync();
        _others.Add(other);
        return other;
    }

    public async Task<OutboxRow> RowAsync(long id)
    {
        await using var cmd = App.DataSource.CreateCommand(
            "SELECT attempts, sent_at, failed_at, last_error, locked_until FROM mail_outbox WHERE id = @id");
        cmd.Parameters.AddWithValue("id", id);
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no outbox row {id}");
        return new OutboxRow(id, reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1),
            reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4));
    }

    public async Task<List<long>> OutboxIdsAsync(int requestId)
    {
        var ids = new List<long>();
        await using var cmd = App.DataSource.CreateCommand("SELECT id FROM mail_outbox WHERE request_id = @id ORDER BY id");
        cmd.Parameters.AddWithValue("id", requestId);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
        return ids;
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, double seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {seconds} s for: {what}");
            await Task.Delay(100);
        }
    }

    public override async Task DisposeAsync()
    {
        foreach (var other in _others) await other.DisposeAsync();
        await base.DisposeAsync();
    }
}

public sealed record OutboxRow(long Id, int Attempts, DateTimeOffset? SentAt, DateTimeOffset? FailedAt, string? LastError, DateTimeOffset? LockedUntil);
