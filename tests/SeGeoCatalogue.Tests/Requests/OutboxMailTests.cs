using System.Net.Http.Json;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Requests;

/// <summary>The outbox against a real SMTP listener on a loopback port: once, retried while down, never twice.</summary>
public sealed class OutboxMailTests(MailFixture fixture) : IClassFixture<MailFixture>
{
    /// <summary>Several poll rounds (0.2 s each) after the last delivery, so a repeat would have arrived.</summary>
    static Task QuietRoundsAsync() => Task.Delay(1500);

    async Task<(Person Requester, Person[] Holders, int Record)> SceneAsync(int holders)
    {
        var (a, b) = (await fixture.CreateOrganisationAsync("A"), await fixture.CreateOrganisationAsync("B"));
        var record = await fixture.CreateDatasetAsync(b, "published", "network", "Flood extent 2025", availability: "on-request");
        var people = new List<Person>();
        for (var i = 0; i < holders; i++) people.Add(await Person(b, $"holder{i}"));
        return (await Person(a, "requester"), [.. people], record);
    }

    async Task<Person> Person(int organisation, string who)
    {
        var email = fixture.UniqueEmail(who);
        var user = await fixture.CreateUserAsync(email, SeGeoCatalogue.Accounts.Roles.Member, organisation);
        return new Person(email, user.Id, await fixture.SignInAsync(email));
    }

    static List<SmtpMessage> For(SmtpSink sink, int requestId) =>
        sink.Messages.Where(m => (m.Message.Subject ?? "").Contains($"#{requestId}", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Each_notification_is_mailed_once_to_its_recipient()
    {
        await using var sink = new SmtpSink();
        sink.Start(fixture.SmtpPort);
        var (requester, holders, record) = await SceneAsync(holders: 2);

        var id = await requester.RequestIdAsync(record);
        var rows = await fixture.OutboxIdsAsync(id);
        await MailFixture.WaitUntilAsync(async () => (await Task.WhenAll(rows.Select(fixture.RowAsync))).All(r => r.SentAt is not null), "both mails marked sent");
        await QuietRoundsAsync();

        var mails = For(sink, id);
        Assert.Equal(holders.Select(h => h.Email).Order(), mails.SelectMany(m => m.Recipients).Order());
        Assert.All(mails, m => Assert.Equal("catalogue@segeo.test", m.From));
        Assert.All(mails, m => Assert.Contains("Targeting a WASH response in 2027", m.Message.TextBody));
        Assert.Equal(rows.Select(r => $"outbox-{r}@segeo.catalogue").Order(), mails.Select(m => m.Message.MessageId).Order());

        await holders[0].Client.PostAsJsonAsync($"/api/requests/{id}/answer", new { decision = "grant", message = "Download it from the shared drive.", link = "https://drive.example.org/flood" });
        await MailFixture.WaitUntilAsync(() => Task.FromResult(For(sink, id).Count == 3), "the grant mailed to the requester");
        await QuietRoundsAsync();

        var grant = Assert.Single(For(sink, id), m => (m.Message.Subject ?? "").Contains("granted", StringComparison.Ordinal));
        Assert.Equal([requester.Email], grant.Recipients);
        Assert.Contains("Download it from the shared drive.", grant.Message.TextBody);
        Assert.Contains("https://drive.example.org/flood", grant.Message.TextBody);
        Assert.Equal(3, For(sink, id).Count);
        Assert.Equal("sent", (string)(await requester.GetAsync("/api/requests/notifications"))["items"]![0]!["delivery"]!);
    }

    [Fact]
    public async Task While_the_mail_server_is_down_the_message_is_retried_and_it_is_delivered_once_the_server_is_up()
    {
        var (requester, _, record) = await SceneAsync(holders: 1);
        var id = await requester.RequestIdAsync(record);
        var row = Assert.Single(await fixture.OutboxIdsAsync(id));

        await MailFixture.WaitUntilAsync(async () => (await fixture.RowAsync(row)).Attempts >= 2, "two failed attempts");
        var down = await fixture.RowAsync(row);
        Assert.Null(down.SentAt);
        Assert.Null(down.FailedAt);
        Assert.Contains($"connecting to 127.0.0.1:{fixture.SmtpPort}", down.LastError);

        await using var sink = new SmtpSink();
        sink.Start(fixture.SmtpPort);
        await MailFixture.WaitUntilAsync(async () => (await fixture.RowAsync(row)).SentAt is not null, "delivery once the server is up");
        await QuietRoundsAsync();

        Assert.Single(For(sink, id));
        var up = await fixture.RowAsync(row);
        Assert.True(up.Attempts >= 3, $"attempts {up.Attempts}");
        Assert.Null(up.LastError);
    }

    [Fact]
    public async Task Nothing_is_mailed_twice_across_a_restart_with_two_instances_or_after_a_sender_died_holding_a_row()
    {
        await using var sink = new SmtpSink();
        sink.Start(fixture.SmtpPort);
        var (_, holders, _) = await SceneAsync(holders: 1);
        // 60 notifications at once, and one row a sender claimed 2 s ago and then died with (lease ends in 3 s).
        await using (var cmd = fixture.App.DataSource.CreateCommand("""
            INSERT INTO mail_outbox (created_at, recipient_user_id, recipient_email, subject, body, attempts, next_attempt_at, locked_until)
            SELECT now(), @user, @email, 'Restart test ' || n, 'body ' || n, 0, now(), NULL FROM generate_series(1, 60) n
            UNION ALL
            SELECT now(), @user, @email, 'Restart test held', 'body held', 1, now(), now() + interval '3 seconds'
            """))
        {
            cmd.Parameters.AddWithValue("user", holders[0].UserId);
            cmd.Parameters.AddWithValue("email", holders[0].Email);
            await cmd.ExecuteNonQueryAsync();
        }

        await fixture.RestartAsync();
        await fixture.StartAnotherInstanceAsync();
        await MailFixture.WaitUntilAsync(async () => await fixture.App.ScalarAsync<long>(
            "SELECT count(*) FROM mail_outbox WHERE subject LIKE 'Restart test%' AND sent_at IS NULL") == 0, "all 61 marked sent");
        await QuietRoundsAsync();

        var delivered = sink.Messages.Where(m => (m.Message.Subject ?? "").StartsWith("Restart test", StringComparison.Ordinal)).ToList();
        Assert.Equal(61, delivered.Count);
        Assert.Equal(61, delivered.Select(m => m.Message.MessageId).Distinct().Count());
        Assert.Single(delivered, m => m.Message.Subject == "Restart test held");
        Assert.True(await fixture.App.ScalarAsync<bool>(
            "SELECT sent_at >= created_at + interval '3 seconds' FROM mail_outbox WHERE subject = 'Restart test held'"),
            "the row a dead sender held went out before its lease ended");
    }
}
