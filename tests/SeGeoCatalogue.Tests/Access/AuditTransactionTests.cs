using System.Net;
using System.Net.Http.Json;
using SeGeoCatalogue.Accounts;
using SeGeoCatalogue.Tests.Datasets;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Access;

/// <summary>
/// A committed write has its audit line, because the line is written in the write's own transaction: the line names
/// that transaction, and PostgreSQL's xmin of the history row is the same transaction; the status is filled in once
/// the response is known.
/// </summary>
public sealed class AuditTransactionTests(AccessFixture fixture) : IClassFixture<AccessFixture>
{
    [Fact]
    public async Task Create_update_and_submit_write_their_audit_line_in_their_own_transaction()
    {
        var holder = await fixture.CreateOrganisationAsync("Audited holder");
        var member = fixture.NewClient();
        member.Authorize(await TestAccounts.TokenAsync(fixture.App.Services, Roles.Member, holder));

        var created = await member.PostAsJsonAsync("/api/datasets", DatasetTestApp.Body(holder, "Audited survey"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (int)(await Json.ReadAsync(created))["id"]!;
        await SameTransactionAsync("/api/datasets", "SELECT xmin::text FROM dataset_changes WHERE dataset_id = @id AND action = 'created'", id, 201);

        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/datasets/{id}") { Content = JsonContent.Create(DatasetTestApp.Body(holder, "Audited survey 2")) };
        put.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, (await member.SendAsync(put)).StatusCode);
        await SameTransactionAsync($"/api/datasets/{id}", "SELECT xmin::text FROM dataset_changes WHERE dataset_id = @id AND action = 'updated'", id, 200);

        Assert.Equal(HttpStatusCode.OK, (await member.PostAsync($"/api/datasets/{id}/submit", null)).StatusCode);
        await SameTransactionAsync($"/api/datasets/{id}/submit", "SELECT xmin::text FROM dataset_changes WHERE dataset_id = @id AND action = 'submitted'", id, 200);
    }

    async Task SameTransactionAsync(string target, string writeXmin, int id, int status)
    {
        var audit = await fixture.App.ScalarAsync<string>(
            "SELECT ((detail->>'transaction')::bigint % 4294967296)::text || ' ' || (detail->>'status') FROM audit_log WHERE target = @t ORDER BY id DESC LIMIT 1", ("t", target));
        var write = await fixture.App.ScalarAsync<string>(writeXmin, ("id", id));
        Assert.Equal($"{write} {status}", audit);
    }
}
