using System.Data;
using Microsoft.Extensions.Options;
using Npgsql;
using SeGeoCatalogue.Access;

namespace SeGeoCatalogue.Coverage.Counting;

/// <summary>Setting Coverage:FastCounts (default true): false answers every coverage, gaps and grid request from SQL.</summary>
public sealed class CountingOptions
{
    public bool FastCounts { get; set; } = true;
    /// <summary>More changed records than this in one catch-up rebuild the whole structure instead.</summary>
    public int RebuildAbove { get; set; } = 5_000;
    /// <summary>How long a request waits for a catch-up under way before SQL answers it instead.</summary>
    public TimeSpan WaitForCatchUp { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>How long catalogue_changes rows are kept (<see cref="CatalogueChangesPruning"/>); a node away longer rebuilds.</summary>
    public TimeSpan KeepChanges { get; set; } = TimeSpan.FromDays(1);
    /// <summary>How often a node prunes catalogue_changes.</summary>
    public TimeSpan PruneEvery { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// This node's counting structure (<see cref="CountingTables"/>), kept current from catalogue_changes
/// (Data/Sql/50-catalogue-version.sql). Before every count it asks for changes after its last seq (one indexed query)
/// and applies them first, so a member always sees their own write and a node that missed a notification or restarted
/// only pays a catch-up. Changes to the boundaries (or a TRUNCATE) rebuild it, and so does a seq below the pruned
/// mark (<see cref="CatalogueChangesPruning"/>): the changes it would need are gone.
/// </summary>
public sealed partial class CoverageCounts(NpgsqlDataSource db, IOptions<CountingOptions> options, ILogger<CoverageCounts> log) : IDisposable
{
    readonly SemaphoreSlim _gate = new(1, 1);
    volatile CountingTables? _tables;

    public bool Enabled => options.Value.FastCounts;

    public void Dispose() => _gate.Dispose();

    /// <summary>The response header that says which path answered: memory or sql.</summary>
    public const string PathHeader = "X-Coverage-Path";

    /// <summary>Coverage of every unit at the request's level, or null when SQL must answer (switched off, a filter or viewer not covered).</summary>
    public async Task<List<UnitCoverage>?> TryUnitsAsync(HttpContext http, CoverageRequest request, Viewer viewer, CancellationToken ct)
    {
        if (!Enabled || !CountingSelection.Covers(request, viewer)) return Answered<List<UnitCoverage>>(http, null, 0);
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var tables = await CaughtUpOrNullAsync(request.Today, ct);
        return Answered(http, tables is null ? null : UnitCounting.Count(tables, request, CountingSelection.Select(tables, request.Filter, viewer)), start);
    }

    /// <summary>The township × sector grid, or null when SQL must answer.</summary>
    public async Task<CoverageGridApi.GridTable?> TryGridAsync(HttpContext http, CoverageRequest request, Viewer viewer, List<string> sectors, CancellationToken ct)
    {
        if (!Enabled || !CountingSelection.Covers(request with { Geometry = "none" }, viewer)) return Answered<CoverageGridApi.GridTable>(http, null, 0);
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var tables = await CaughtUpOrNullAsync(request.Today, ct);
        return Answered(http, tables is null ? null : GridCounting.Count(tables, request, CountingSelection.Select(tables, request.Filter, viewer), sectors), start);
    }

    /// <summary>
    /// The caught-up tables, or null (SQL answers) when a catch-up under way takes too long or the primary, where the
    /// change sequence is read, cannot be reached: the SQL path then reads where the viewer's reads go (a standby).
    /// </summary>
    async Task<CountingTables?> CaughtUpOrNullAsync(DateOnly day, CancellationToken ct)
    {
        try
        {
            return await CurrentAsync(day, options.Value.WaitForCatchUp, ct);
        }
        catch (NpgsqlException)
        {
            return null;
        }
    }

    /// <summary>Says which path answered, and how long counting took (catch-up included) as Server-Timing.</summary>
    static T? Answered<T>(HttpContext http, T? result, long start) where T : class
    {
        http.Response.Headers[PathHeader] = result is null ? "sql" : "memory";
        if (result is not null)
            http.Response.Headers.Append("Server-Timing",
                $"count;dur={System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)}");
        return result;
    }

    /// <summary>The last change the structure has applied (-1 before it is built).</summary>
    public long Seq => _tables?.Seq ?? -1;

    /// <summary>How long the last full build took, and how many records it read (for /health and the benchmark).</summary>
    public TimeSpan LastBuild { get; private set; }

    /// <summary>The tables as of the database's latest change and for <paramref name="day"/> (built on first use).</summary>
    public async Task<CountingTables> CurrentAsync(DateOnly day, CancellationToken ct) =>
        (await CurrentAsync(day, Timeout.InfiniteTimeSpan, ct))!;

    /// <summary>
    /// The same, or null when another catch-up (a rebuild after a bulk write or a boundary import) holds the structure
    /// longer than <paramref name="wait"/>: the request is then answered by SQL, which is always current.
    /// </summary>
    public async Task<CountingTables?> CurrentAsync(DateOnly day, TimeSpan wait, CancellationToken ct)
    {
        var tables = _tables;
        if (tables is not null && tables.Day == day)
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            if (!await HasChangesAfterAsync(conn, tables.Seq, ct)) return tables;
        }
        if (!await _gate.WaitAsync(wait, ct)) return null;
        try
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            tables = _tables;
            if (tables is null) tables = await BuildAsync(conn, day, ct);
            else
            {
                var changes = await ChangesAfterAsync(conn, tables.Seq, options.Value.RebuildAbove + 1, ct);
                if (changes.Count > options.Value.RebuildAbove || changes.Any(c => c.DatasetId is null) || await PrunedPastAsync(conn, tables.Seq, ct))
                    tables = await BuildAsync(conn, day, ct);
                else if (changes.Count > 0) tables = await ApplyAsync(conn, tables, changes, ct);
                if (tables.Day != day) tables = await ForDayAsync(conn, tables, day, ct);
            }
            await tx.CommitAsync(ct);
            _tables = tables;
            return tables;
        }
        finally { _gate.Release(); }
    }

    static async Task<bool> HasChangesAfterAsync(NpgsqlConnection conn, long seq, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"SELECT EXISTS (SELECT 1 FROM catalogue_changes WHERE seq > @seq) OR {CatalogueChangesPruning.PrunedThroughSql} > @seq", conn);
        cmd.Parameters.AddWithValue("seq", seq);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Changes after <paramref name="seq"/> were pruned: catching up would miss them.</summary>
    static async Task<bool> PrunedPastAsync(NpgsqlConnection conn, long seq, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"SELECT {CatalogueChangesPruning.PrunedThroughSql} > @seq", conn);
        cmd.Parameters.AddWithValue("seq", seq);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    static async Task<List<(long Seq, int? DatasetId)>> ChangesAfterAsync(NpgsqlConnection conn, long seq, int limit, CancellationToken ct)
    {
        var changes = new List<(long, int?)>();
        await using var cmd = new NpgsqlCommand("SELECT seq, dataset_id FROM catalogue_changes WHERE seq > @seq ORDER BY seq LIMIT @limit", conn);
        cmd.Parameters.AddWithValue("seq", seq);
        cmd.Parameters.AddWithValue("limit", limit);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) changes.Add((r.GetInt64(0), r.IsDBNull(1) ? null : r.GetInt32(1)));
        return changes;
    }

    async Task<CountingTables> BuildAsync(NpgsqlConnection conn, DateOnly day, CancellationToken ct)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        long seq;
        // Pruning may have deleted every row: the mark is then the last change the data reflects.
        await using (var cmd = new NpgsqlCommand($"SELECT greatest(coalesce(max(seq), 0), {CatalogueChangesPruning.PrunedThroughSql}) FROM catalogue_changes", conn))
            seq = (long)(await cmd.ExecuteScalarAsync(ct))!;
        var units = await CountingLoader.UnitsAsync(conn, ct);
        var records = await CountingLoader.RecordsAsync(conn, units, null, day, ct);
        var ranks = await CountingLoader.TitleRanksAsync(conn, ct);
        var tables = Make(units, records, r => (r.FreshRank, r.FreshOrDue), ranks, day, seq);
        LastBuild = watch.Elapsed;
        LogBuilt(records.Count, seq, watch.ElapsedMilliseconds);
        return tables;
    }

    static async Task<CountingTables> ApplyAsync(NpgsqlConnection conn, CountingTables old, List<(long Seq, int? DatasetId)> changes, CancellationToken ct)
    {
        var ids = changes.Select(c => c.DatasetId!.Value).Distinct().ToArray();
        var loaded = await CountingLoader.RecordsAsync(conn, old.Units, ids, old.Day, ct);
        var changed = ids.ToHashSet();
        var oldSlot = new Dictionary<int, int>(old.Records.Length);
        for (var i = 0; i < old.Records.Length; i++) oldSlot[old.Records[i].Id] = i;
        var records = old.Records.Where(r => !changed.Contains(r.Id)).Concat(loaded).ToList();
        // A new record or a new title moves records in PostgreSQL's title order: read it again.
        var retitled = loaded.Any(r => !oldSlot.TryGetValue(r.Id, out var s) || old.Records[s].Title != r.Title);
        var ranks = retitled ? await CountingLoader.TitleRanksAsync(conn, ct)
            : old.Records.Select((r, i) => (r.Id, Rank: old.TitleRank[i])).ToDictionary(x => x.Id, x => x.Rank);
        var fresh = loaded.ToDictionary(r => r.Id, r => (r.FreshRank, r.FreshOrDue));
        return Make(old.Units, records,
            r => fresh.TryGetValue(r.Id, out var f) ? f : (old.FreshRank[oldSlot[r.Id]], old.FreshOrDue[oldSlot[r.Id]]),
            ranks, old.Day, changes[^1].Seq);
    }

    static async Task<CountingTables> ForDayAsync(NpgsqlConnection conn, CountingTables old, DateOnly day, CancellationToken ct)
    {
        var fresh = await CountingLoader.FreshnessAsync(conn, day, ct);
        return Make(old.Units, old.Records, r => fresh.GetValueOrDefault(r.Id), old.Records.Select((r, i) => (r.Id, old.TitleRank[i])).ToDictionary(), day, old.Seq);
    }

    static CountingTables Make(CountingUnits units, IReadOnlyList<CountedRecord> records, Func<CountedRecord, (short Rank, bool Fresh)> fresh,
        Dictionary<int, int> titleRanks, DateOnly day, long seq)
    {
        // Slots in PostgreSQL's title order: counting visits records in it, so each unit's first five come first.
        var array = records.OrderBy(r => titleRanks.GetValueOrDefault(r.Id, int.MaxValue)).ThenBy(r => r.Id).ToArray();
        var f = array.Select(fresh).ToArray();
        return new CountingTables
        {
            Units = units, Records = array, Day = day, Seq = seq,
            FreshRank = [.. f.Select(x => x.Rank)], FreshOrDue = [.. f.Select(x => x.Fresh)],
            TitleRank = [.. array.Select(r => titleRanks.GetValueOrDefault(r.Id, int.MaxValue))],
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Coverage counting built: {Records} records as of change {Seq} in {Ms} ms")]
    partial void LogBuilt(int records, long seq, long ms);
}
