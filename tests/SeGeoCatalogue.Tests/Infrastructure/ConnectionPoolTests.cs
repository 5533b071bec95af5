using System.Net;
using Npgsql;
using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.Tests.Infrastructure;

/// <summary>
/// Issue 10, item 1: a request that fails or is abandoned by its client must give its pooled connection back.
/// The app runs with a small pool and a short wait, so a single lost connection shows at the end of each burst.
/// </summary>
public sealed class ConnectionPoolTests : IAsyncLifetime
{
    const int PoolSize = 10;
    const int Requests = 300;
    const string ApplicationName = "segeo-pool-test";
    CatalogueApp _app = null!;

    public async Task InitializeAsync()
    {
        var database = await PostGisServer.CreateDatabaseAsync();
        _app = new QuietApp(new NpgsqlConnectionStringBuilder(database)
        {
            MaxPoolSize = PoolSize, Timeout = 2, ApplicationName = ApplicationName,
        }.ConnectionString);
        await _app.StartAsync();
        await DemoCatalogue.SeedAsync(_app.DataSource);
    }

    public async Task DisposeAsync()
    {
        var connectionString = _app.ConnectionString;
        await _app.DisposeAsync();
        await PostGisServer.DropDatabaseAsync(connectionString);
    }

    /// <summary>Every route whose rows go from PostGIS straight into the response.</summary>
    async Task<string[]> StreamedRoutesAsync()
    {
        var record = await _app.ScalarAsync<int>(
            "SELECT min(id) FROM datasets WHERE visibility = 'public' AND curation_state = 'published' AND deleted_at IS NULL");
        return
        [
            "/api/admin-units?level=township&geometry=full&limit=100",
            "/api/admin-units/at?lon=97.63&lat=16.49&geometry=full",
            "/ogc/collections/townships/items?limit=50",
            "/ogc/collections/datasets/items?limit=50",
            "/ogc/collections/coverage-wash-township/items?limit=50",
            $"/api/datasets/{record}/area?geometry=full",
            "/api/datasets/export?f=geojson",
            "/api/datasets/export?f=csv",
            "/api/datasets/export?f=gpkg",
            "/api/admin-units/export?level=township&f=geojson",
            "/api/admin-units/export?level=township&f=csv",
            "/api/admin-units/export?level=district&f=shp",
        ];
    }

    [Fact]
    public async Task Failing_and_aborted_requests_on_every_streamed_route_give_their_connections_back()
    {
        var client = _app.CreateClient();
        foreach (var route in await StreamedRoutesAsync())
        {
            // Half the failures come from the first query a route runs, half from the rows it streams.
            await using (await BrokenSchema.ApplyAsync(_app.ConnectionString, BrokenSchema.FilterColumns))
                await BurstAsync(Requests / 2, _ => FailingAsync(client, route));
            await using (await BrokenSchema.ApplyAsync(_app.ConnectionString, BrokenSchema.OutputColumns))
                await BurstAsync(Requests / 2, _ => FailingAsync(client, route));
            await BurstAsync(Requests, i => AbortedAsync(client, route, delayMs: 1 + i % 40));
            await AssertPoolIsWholeAsync(route);
        }
        // The request the issue reported: a NUL in q.
        await BurstAsync(Requests, _ => FailingAsync(client, "/api/admin-units?q=%00"));
        await AssertPoolIsWholeAsync("/api/admin-units?q=%00");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/datasets")).StatusCode);
    }

    static async Task BurstAsync(int count, Func<int, Task> request) =>
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => await request(i));

    /// <summary>The database errors under the route: it must not answer 200 with a whole body.</summary>
    static async Task FailingAsync(HttpClient client, string route)
    {
        try
        {
            using var response = await client.GetAsync(route);
            await response.Content.ReadAsByteArrayAsync();
            Assert.False(response.IsSuccessStatusCode, $"{route} succeeded although the database failed under it");
        }
        catch (HttpRequestException) { } // the failure came after the headers: the response was cut off
        catch (IOException) { }
    }

    /// <summary>The client gives up after <paramref name="delayMs"/>: while the route queries or while it reads the body.</summary>
    static async Task AbortedAsync(HttpClient client, string route, int delayMs)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(delayMs));
        try
        {
            using var response = await client.GetAsync(route, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            await using var body = await response.Content.ReadAsStreamAsync(cancel.Token);
            var buffer = new byte[512];
            while (await body.ReadAsync(buffer, cancel.Token) > 0) await Task.Delay(1, cancel.Token);
        }
        catch (OperationCanceledException) { }
        catch (HttpRequestException) { }
        catch (IOException) { }
    }

    /// <summary>Once the server has settled, every pooled connection can be taken at once and none is still busy in PostgreSQL.</summary>
    async Task AssertPoolIsWholeAsync(string route)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        long busy;
        do
        {
            await Task.Delay(100);
            busy = await BusySessionsAsync();
        } while (busy > 0 && DateTime.UtcNow < deadline);
        Assert.True(busy == 0, $"{route}: {busy} sessions of the app are still busy in PostgreSQL");

        var taken = new List<NpgsqlConnection>();
        try
        {
            for (var i = 0; i < PoolSize; i++)
            {
                try { taken.Add(await _app.DataSource.OpenConnectionAsync()); }
                catch (NpgsqlException e)
                {
                    Assert.Fail($"{route}: only {i} of the {PoolSize} pooled connections came back ({e.Message})");
                }
            }
        }
        finally
        {
            foreach (var connection in taken) await connection.DisposeAsync();
        }
    }

    async Task<long> BusySessionsAsync()
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_app.ConnectionString)
            { Pooling = false, ApplicationName = "segeo-pool-test-observer" }.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = @app AND state <> 'idle'", conn);
        cmd.Parameters.AddWithValue("app", ApplicationName);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}

/// <summary>Renames columns the routes read, so that their SQL fails in PostgreSQL; disposing renames them back.</summary>
/// The renames run on a connection of their own, outside the app's pool.
/// <summary>The app without logs: this test makes thousands of requests fail on purpose, each a logged 500 with its stack.</summary>
sealed class QuietApp(string connectionString) : CatalogueApp(connectionString)
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var category in new[] { "Default", "Microsoft", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "SeGeoCatalogue" })
            builder.UseSetting($"Logging:LogLevel:{category}", "None");
    }
}

sealed class BrokenSchema(string connectionString, (string Table, string Column)[] columns) : IAsyncDisposable
{
    /// <summary>Read by the first query of each route (its filter or visibility check).</summary>
    public static readonly (string, string)[] FilterColumns = [("admin_units", "retired_at"), ("datasets", "deleted_at")];

    /// <summary>Read only by the rows a route streams out.</summary>
    public static readonly (string, string)[] OutputColumns = [("admin_units", "area_km2"), ("datasets", "contact"), ("dataset_links", "share"), ("admin_units", "name_my")];

    public static async Task<BrokenSchema> ApplyAsync(string connectionString, (string Table, string Column)[] columns)
    {
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "segeo-pool-test-breaker" }.ConnectionString;
        await RenameAsync(unpooled, columns.Select(c => (c.Table, c.Column, c.Column + "_gone")));
        return new BrokenSchema(unpooled, columns);
    }

    public async ValueTask DisposeAsync() =>
        await RenameAsync(connectionString, columns.Select(c => (c.Table, c.Column + "_gone", c.Column)));

    static async Task RenameAsync(string connectionString, IEnumerable<(string Table, string From, string To)> renames)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        foreach (var (table, from, to) in renames)
        {
            await using var cmd = new NpgsqlCommand($"ALTER TABLE {table} RENAME COLUMN {from} TO {to}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
