using Npgsql;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Coverage.Counting;

/// <summary>
/// Builds this node's counting structure once the database is ready, then LISTENs on its own connection for
/// catalogue_changes notifications and catches up at once, so every node converges within moments of a write on any
/// node. A missed notification costs nothing but time: each count catches up first anyway (<see cref="CoverageCounts"/>).
/// The connection is its own, outside the request pool (a LISTEN holds it for the life of the node).
/// </summary>
public sealed partial class CatalogueChangesListener(IConfiguration configuration, CoverageCounts counts, DatabaseState state, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<CountingOptions> options, ILogger<CatalogueChangesListener> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!counts.Enabled) return;
        while (!state.Ready) await Task.Delay(200, stoppingToken);
        var lastPruned = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var conn = CatalogueDatabase.OwnPrimaryConnection(configuration.GetConnectionString("Catalogue")!);
                await conn.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand("LISTEN catalogue_changes", conn)) await listen.ExecuteNonQueryAsync(stoppingToken);
                await counts.CurrentAsync(MyanmarTime.Today(clock), stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await conn.WaitAsync(TimeSpan.FromSeconds(30), stoppingToken);
                    await counts.CurrentAsync(MyanmarTime.Today(clock), stoppingToken);
                    if (clock.GetUtcNow() - lastPruned < options.Value.PruneEvery) continue;
                    // Old changes no node still needs (each is a second behind, or rebuilds when it was away longer).
                    var pruned = await CatalogueChangesPruning.PruneAsync(conn, options.Value.KeepChanges, stoppingToken);
                    lastPruned = clock.GetUtcNow();
                    if (pruned > 0) LogPruned(pruned);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                LogRetry(e.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    // Information: while the database is away every request already logs its 503; counting itself loses nothing
    // (each count catches up first).
    [LoggerMessage(Level = LogLevel.Information, Message = "Coverage counting: pruned {Rows} old rows of catalogue_changes")]
    partial void LogPruned(long rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "Coverage counting: listening for changes failed ({Error}); trying again")]
    partial void LogRetry(string error);
}
