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

/// <summary>
/// Applies migrations, then imports the boundaries when admin_units is empty. Retries until the database
/// answers, so the service starts (and reports 503 on /health) while PostgreSQL is still coming up.
/// </summary>
public sealed partial class DatabaseStartup(IServiceScopeFactory scopes, DatabaseState state, ILogger<DatabaseStartup> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PrepareAsync(scopes.CreateScope().ServiceProvider, stoppingToken);
                state.MarkReady();
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                state.LastError = e.Message;
                LogWaiting(e.Message, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 15));
            }
        }
    }

    public static async Task PrepareAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<CatalogueDb>();
        await db.Database.MigrateAsync(ct);
        await Accounts.FirstCurator.EnsureAsync(services, ct);
        if (!await db.AdminUnits.AnyAsync(ct))
        {
            var report = await services.GetRequiredService<BoundaryImporter>().ImportAsync(ct: ct);
            if (!report.Succeeded)
                services.GetRequiredService<ILogger<DatabaseStartup>>().LogError("{Report}", report.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not ready ({Error}); retrying in {Seconds} s")]
    partial void LogWaiting(string error, double seconds);
}
