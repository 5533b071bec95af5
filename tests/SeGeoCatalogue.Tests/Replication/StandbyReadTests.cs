using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using SeGeoCatalogue.Accounts;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Tests.Datasets;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Replication;

/// <summary>
/// Issue 16, item 5: a real primary and a hot standby on loopback (initdb, pg_basebackup -R), the service given both
/// hosts. The public's reads are served by the standby, a member sees their own new record at once, and when the
/// primary stops the public's reads go on while a write gets a 503 ProblemDetails.
/// </summary>
public sealed class StandbyReadTests : IAsyncLifetime
{
    const string Database = "segeo_replica";
    string _folder = "";
    LocalCluster? _primary, _standby;
    CatalogueApp? _app;

    public async Task InitializeAsync()
    {
        _folder = await LocalCluster.NewFolderAsync();
        try
        {
            _primary = await LocalCluster.PrimaryAsync(_folder);
            var source = await PostGisServer.CreateDatabaseAsync();
            await _primary.CopyDatabaseAsync(source, Database, _folder);
            await PostGisServer.DropDatabaseAsync(source);
            _standby = await _primary.StandbyAsync(_folder);
            _app = new CatalogueApp($"Host={_primary.Server},{_standby.Server};Database={Database};Username=segeo;Timeout=5");
            await _app.StartAsync();
        }
        catch
        {
            await DisposeAsync(); // no cluster outlives a failed start
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        if (_standby is not null) await _standby.DisposeAsync();
        if (_primary is not null) await _primary.DisposeAsync();
        LocalCluster.RemoveFolder(_folder);
    }

    [Fact]
    public async Task The_public_reads_from_the_standby_a_member_reads_their_own_write_at_once_and_reads_outlive_the_primary()
    {
        var app = _app!;
        var standby = $"Host=127.0.0.1;Port={_standby!.Port};Database={Database};Username=segeo;Pooling=false";
        Assert.True(await ScalarAsync<bool>(standby, "SELECT pg_is_in_recovery()"), "the second server is not a standby");
        Assert.Equal(0L, await ServiceSessionsAsync(standby));

        var anonymous = app.CreateClient();
        foreach (var route in PublicReads)
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(route)).StatusCode);
        Assert.True(await ServiceSessionsAsync(standby) > 0, "no statement of the service ran on the standby for the public's reads");

        // A member writes on the primary and reads it back at once, whatever the standby's lag.
        var holder = await app.ScalarAsync<int>("INSERT INTO organisations (name, type, active, created_at) VALUES ('Replica NGO', 'ingo', true, now()) RETURNING id");
        var member = app.CreateClient();
        member.Authorize(await TestAccounts.TokenAsync(app.Services, Roles.Member, holder));
        var title = $"Replica survey {Guid.NewGuid():N}";
        var created = await member.PostAsJsonAsync("/api/datasets", DatasetTestApp.Body(holder, title));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (int)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        var found = JsonNode.Parse(await member.GetStringAsync($"/api/datasets?q={Uri.EscapeDataString(title)}"))!["items"]!.AsArray();
        Assert.Contains(found, d => (int)d!["id"]! == id);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/api/datasets/{id}")).StatusCode);

        // The standby replays it (streaming replication) within moments.
        for (var i = 0; i < 100 && await ScalarAsync<long>(standby, $"SELECT count(*) FROM datasets WHERE id = {id}") == 0; i++)
            await Task.Delay(100);
        Assert.Equal(1L, await ScalarAsync<long>(standby, $"SELECT count(*) FROM datasets WHERE id = {id}"));

        await _primary!.StopAsync();
        foreach (var route in PublicReads)
        {
            var response = await anonymous.GetAsync(route);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route} with the primary down: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        var refused = await member.PostAsJsonAsync("/api/datasets", DatasetTestApp.Body(holder, "Written while the primary is down"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    static readonly string[] PublicReads =
    [
        "/api/coverage?level=township&geometry=none", "/api/gaps?level=township&geometry=none", "/api/coverage/grid",
        "/api/datasets", "/ogc/collections/townships/items?limit=5", "/api/admin-units/MMR011", "/api/dcat",
    ];

    /// <summary>Sessions that ran a statement (Npgsql also opens sessions just to learn which server is the primary).</summary>
    static Task<long> ServiceSessionsAsync(string standby) => ScalarAsync<long>(standby,
        $"SELECT count(*) FROM pg_stat_activity WHERE datname = '{Database}' AND pid <> pg_backend_pid() AND backend_type = 'client backend' " +
        "AND query <> '' AND query NOT ILIKE 'SHOW %' AND query NOT ILIKE 'DISCARD %'");

    static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
