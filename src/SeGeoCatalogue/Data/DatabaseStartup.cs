using Microsoft.EntityFrameworkCore;
using Npgsql;
using SeGeoCatalogue.Boundaries;

namespace SeGeoCatalogue.Data;

/// <summary>Whether the schema is in place; /health reports it.</summary>
public sealed class DatabaseState
{
    volatile bool _ready;
    public bool Ready => _ready;
    public string? LastError { get; set; }
    public void MarkReady() => _ready = true;
}

/// <summary>The database cannot hold the catalogue at all (no PostGIS, a schema from before the squash): retrying will not help.</summary>
public sealed class DatabaseUnusableException(string message) : Exception(message);

/// <summary>
/// Prepares the database before anything else reads it: migrations run in StartAsync, which the host awaits before
/// it starts the hosted services registered after this one (the data-protection key ring lives in the database).
/// Retries while PostgreSQL does not answer, so Kestrel already reports 503 on /health; a server without PostGIS
/// stops start-up at once. The boundary import of an empty database then runs in the background.
/// </summary>
public sealed partial class DatabaseStartup(IServiceScopeFactory scopes, DatabaseState state, ILogger<DatabaseStartup> log)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RetryAsync(services => MigrateAsync(services, cancellationToken), cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RetryAsync(services => ImportWhenEmptyAsync(services, stoppingToken), stoppingToken);
        state.MarkReady();
    }

    async Task RetryAsync(Func<IServiceProvider, Task> step, CancellationToken ct)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                using var scope = scopes.CreateScope();
                await step(scope.ServiceProvider);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && !ct.IsCancellationRequested)
            {
                state.LastError = e.Message;
                LogWaiting(e.Message, delay.TotalSeconds);
                await Task.Delay(delay, ct);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 15));
            }
        }
    }

    /// <summary>Migrations, the first curator and the boundaries: what the service and the CLI verbs need.</summary>
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken ct)
    {
        await MigrateAsync(services, ct);
        await ImportWhenEmptyAsync(services, ct);
    }

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<CatalogueDb>();
        await CreatePostGisAsync(services.GetRequiredService<IConfiguration>().GetConnectionString("Catalogue")!, ct);
        await RequireOneSchemaHistoryAsync(db, ct);
        await db.Database.MigrateAsync(ct);
        await SchemaScripts.ApplyAsync(services.GetRequiredService<NpgsqlDataSource>(), ct);
        await Accounts.FirstCurator.EnsureAsync(services, ct);
    }

    static async Task ImportWhenEmptyAsync(IServiceProvider services, CancellationToken ct)
    {
        if (await services.GetRequiredService<CatalogueDb>().AdminUnits.AnyAsync(ct)) return;
        var report = await services.GetRequiredService<BoundaryImporter>().ImportAsync(ct: ct);
        if (!report.Succeeded)
            LogImportFailed(services.GetRequiredService<ILogger<DatabaseStartup>>(), report.ToString());
    }

    /// <summary>
    /// The migrations were squashed into one initial migration on 2026-12-07, before any release: a database made by the
    /// earlier migrations is refused with how to recreate it, instead of failing halfway through "relation exists".
    /// </summary>
    static async Task RequireOneSchemaHistoryAsync(CatalogueDb db, CancellationToken ct)
    {
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = (await db.Database.GetAppliedMigrationsAsync(ct)).Where(m => !known.Contains(m)).ToList();
        if (unknown.Count == 0) return;
        var database = db.Database.GetDbConnection().Database;
        throw new DatabaseUnusableException(
            $"The database '{database}' was made by migrations this version no longer has ({string.Join(", ", unknown.Take(3))}…): the schema " +
            $"was squashed into one migration before the first release. Recreate the database (dropdb {database}; createdb {database}, or " +
            "delete .pgdata/ when scripts/postgis.sh made it) and start again; re-import records from an inventory workbook if needed.");
    }

    /// <summary>
    /// PostGIS before the service's pools open their first connection: a pool learns the database's types once, and
    /// a multi-host pool cannot learn them again (npgsql/npgsql#6237), so the extension is made on a connection of its own.
    /// </summary>
    static async Task CreatePostGisAsync(string connectionString, CancellationToken ct)
    {
        await using var conn = CatalogueDatabase.OwnPrimaryConnection(connectionString);
        await conn.OpenAsync(ct);
        await RequirePostGisAsync(conn, ct);
        await using var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS postgis", conn);
        await create.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Fails at once, saying how to fix it, when the server cannot create the postgis extension.</summary>
    public static async Task RequirePostGisAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT current_setting('server_version_num')::int / 10000, exists (SELECT 1 FROM pg_available_extensions WHERE name = 'postgis')", conn);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        if (reader.GetBoolean(1)) return;
        var major = reader.GetInt32(0);
        throw new DatabaseUnusableException(
            $"The PostgreSQL {major} server at {conn.Host} has no PostGIS extension available. " +
            $"Install it on the database server (Debian/Ubuntu: apt-get install postgresql-{major}-postgis-3; or use the postgis/postgis Docker image), " +
            "or let scripts/postgis.sh run a private cluster with PostGIS.");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Report}")]
    static partial void LogImportFailed(ILogger logger, string report);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not ready ({Error}); retrying in {Seconds} s")]
    partial void LogWaiting(string error, double seconds);
}
