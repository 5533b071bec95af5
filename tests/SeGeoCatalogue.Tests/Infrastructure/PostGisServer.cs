using Npgsql;
using SeGeoCatalogue.Data;
using Testcontainers.PostgreSql;

namespace SeGeoCatalogue.Tests.Infrastructure;

/// <summary>
/// The PostGIS server the tests run against: SEGEO_TEST_POSTGRES (a connection string, as printed by
/// scripts/postgis.sh), otherwise a Testcontainers PostGIS container. With neither, every test fails.
/// </summary>
public static class PostGisServer
{
    static readonly Lazy<Task<string>> Server = new(StartAsync);
    static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);
    static readonly string RunId = $"{Environment.ProcessId}_{DateTime.UtcNow:HHmmss}";
    static int _databases;

    /// <summary>A new database, already migrated and holding the imported boundaries, for one test class.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var template = await Template.Value;
        var name = $"segeo_t_{RunId}_{Interlocked.Increment(ref _databases)}";
        await ExecuteAsync(await Server.Value, $"CREATE DATABASE {name} TEMPLATE {template}");
        return With(await Server.Value, name);
    }

    /// <summary>A new empty database (no schema, no boundaries), as a fresh installation has.</summary>
    public static async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = $"segeo_t_{RunId}_{Interlocked.Increment(ref _databases)}";
        await ExecuteAsync(await Server.Value, $"CREATE DATABASE {name}");
        return With(await Server.Value, name);
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(await Server.Value, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    static async Task<string> StartAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("SEGEO_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            var server = With(fromEnvironment, "postgres");
            await using var conn = new NpgsqlConnection(server);
            await conn.OpenAsync();
            await DatabaseStartup.RequirePostGisAsync(conn, CancellationToken.None);
            return server;
        }
        try
        {
            var container = new PostgreSqlBuilder("postgis/postgis:16-3.4").Build();
            await container.StartAsync();
            return With(container.GetConnectionString(), "postgres");
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                "These tests need PostgreSQL with PostGIS. Set SEGEO_TEST_POSTGRES to a connection string " +
                "(scripts/test.sh does this with a private cluster from scripts/postgis.sh), or run Docker for Testcontainers. " +
                $"Testcontainers said: {e.Message}", e);
        }
    }

    /// <summary>Migrated and imported once per run by the real start-up path; test databases are copies of it.</summary>
    static async Task<string> CreateTemplateAsync()
    {
        var server = await Server.Value;
        var name = $"segeo_tpl_{RunId}";
        await ExecuteAsync(server, $"CREATE DATABASE {name}");
        await using (var app = new CatalogueApp(With(server, name)))
            await app.StartAsync();
        NpgsqlConnection.ClearAllPools();
        // CREATE DATABASE ... TEMPLATE needs the template to have no sessions at all.
        await ExecuteAsync(server, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DropAll(server);
        return name;
    }

    static void DropAll(string server)
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            using var conn = new NpgsqlConnection(server);
            conn.Open();
            var names = new List<string>();
            using (var cmd = new NpgsqlCommand($"SELECT datname FROM pg_database WHERE datname LIKE 'segeo\\_t%\\_{RunId}%'", conn))
            using (var rows = cmd.ExecuteReader())
                while (rows.Read()) names.Add(rows.GetString(0));
            foreach (var n in names)
                using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {n} WITH (FORCE)", conn))
                    drop.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // Best effort: the server may already be gone.
        }
    }

    public static string With(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database, Pooling = true }.ConnectionString;

    static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
