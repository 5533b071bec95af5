using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Npgsql;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Coverage;
using SeGeoCatalogue.Coverage.Counting;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Benchmarks;

/// <summary>
/// Per hot path of coverage, gaps and grid: the service over HTTP (median / p95, answered by the counting structure),
/// the counting's own server-side time (its Server-Timing), the SQL statement on the dataset_units layout run directly
/// (the path every request took before, still the fallback), and the ratio SQL / counting. Also the structure's build
/// time and the managed memory it holds. Prints a Markdown table.
/// </summary>
public static class CountingReport
{
    static readonly (string Name, string Url)[] Paths =
    [
        ("coverage VT, no filter", "/api/coverage?level=village-tract&geometry=none"),
        ("coverage VT, sector=wash", "/api/coverage?level=village-tract&geometry=none&sector=wash"),
        ("coverage VT, two sectors", "/api/coverage?level=village-tract&geometry=none&sector=wash&sector=food-security"),
        ("coverage VT, level_min=village-tract", "/api/coverage?level=village-tract&geometry=none&level_min=village-tract"),
        ("coverage VT, fresh=only", "/api/coverage?level=village-tract&geometry=none&fresh=only"),
        ("coverage township, no filter", "/api/coverage?level=township&geometry=none"),
        ("coverage township, sector=wash", "/api/coverage?level=township&geometry=none&sector=wash"),
        ("coverage township, two sectors", "/api/coverage?level=township&geometry=none&sector=wash&sector=food-security"),
        ("coverage township, level_min=village-tract", "/api/coverage?level=township&geometry=none&level_min=village-tract"),
        ("coverage township, fresh=only", "/api/coverage?level=township&geometry=none&fresh=only"),
        ("gaps VT, wash, level_min=village-tract", "/api/gaps?level=village-tract&geometry=none&sector=wash&level_min=village-tract"),
        ("grid, all sectors", "/api/coverage/grid?level=township"),
        ("counts VT, no filter (the map's compact payload)", "/api/coverage/counts?level=village-tract"),
        ("counts VT, sector=wash", "/api/coverage/counts?level=village-tract&sector=wash"),
        ("counts township, no filter", "/api/coverage/counts?level=township"),
    ];

    /// <summary>What the village-tract map's counts weigh on the wire: the GeoJSON answer against the compact one.</summary>
    static readonly string[] Weighed = ["/api/coverage?level=village-tract&geometry=none", "/api/coverage/counts?level=village-tract"];

    public static async Task RunAsync(BenchmarkHost host, NpgsqlDataSource db)
    {
        // The structure built once more, alone, for its build time and the memory it holds.
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        using (var fresh = new CoverageCounts(db, Options.Create(new CountingOptions()), NullLogger<CoverageCounts>.Instance))
        {
            var tables = await fresh.CurrentAsync(MyanmarTime.Today(TimeProvider.System), CancellationToken.None);
            var built = watch.Elapsed;
            var held = GC.GetTotalMemory(forceFullCollection: true) - before;
            Console.WriteLine($"counting structure: {tables.Records.Length:N0} records, {tables.Units.Count:N0} units; built in {built.TotalSeconds:F1} s; holds ≈ {held / 1048576.0:F0} MB managed memory");
        }

        Console.WriteLine();
        Console.WriteLine("| hot path | HTTP median / p95 (ms) | counting, server-side median (ms) | counting, CPU per request (ms) | SQL statement median (ms) | SQL / counting |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var counts = host.App.Services.GetRequiredService<CoverageCounts>();
        foreach (var (name, url) in Paths)
        {
            var counting = new List<double>();
            var (median, p95) = await Timing.MeasureAsync(name, 20, async () =>
            {
                var response = await host.Client.GetAsync(url);
                response.EnsureSuccessStatusCode();
                if (response.Headers.GetValues(CoverageCounts.PathHeader).Single() != "memory") throw new InvalidOperationException($"{url} was answered by SQL");
                var timing = response.Headers.GetValues("Server-Timing").Single();
                counting.Add(double.Parse(timing[(timing.IndexOf("dur=", StringComparison.Ordinal) + 4)..], CultureInfo.InvariantCulture));
                await response.Content.ReadAsByteArrayAsync();
            }, warmup: 2);
            var countingMedian = Median(counting[^20..]);
            var cpu = await CountingCpuAsync(counts, url);
            var sqlMedian = (await Timing.MeasureAsync($"{name} (SQL statement)", 7, () => SqlAsync(db, url), warmup: 1)).Median;
            Console.WriteLine($"| {name} | {median:F1} / {p95:F1} | {countingMedian:F1} | {cpu:F1} | {sqlMedian:F0} | {sqlMedian / countingMedian:F0}× |");
        }
        Console.WriteLine();
        foreach (var url in Weighed) Console.WriteLine($"{url}: {await BytesAsync(host, url, null):N0} B, gzip {await BytesAsync(host, url, "gzip"):N0} B, Brotli {await BytesAsync(host, url, "br"):N0} B");
    }

    /// <summary>The body's size as sent, compressed when <paramref name="encoding"/> is asked for.</summary>
    static async Task<long> BytesAsync(BenchmarkHost host, string url, string? encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (encoding is not null) request.Headers.AcceptEncoding.ParseAdd(encoding);
        using var response = await host.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        if (encoding is not null && !response.Content.Headers.ContentEncoding.Contains(encoding)) throw new InvalidOperationException($"{url} was not sent as {encoding}");
        return (await response.Content.ReadAsByteArrayAsync()).LongLength;
    }

    /// <summary>
    /// Processor time of the whole process per counting call (catch-up check included), over 10 calls in a row: what a
    /// request costs on a core of its own, whatever else the machine runs (wall-clock figures here were taken on a
    /// 2-core machine shared with other builds and tests).
    /// </summary>
    static async Task<double> CountingCpuAsync(CoverageCounts counts, string url)
    {
        var (request, grid) = RequestOf(url);
        List<string> sectors = [.. Vocabularies.Sectors.Select(s => s.Code)];
        async Task Once()
        {
            var http = new DefaultHttpContext();
            if (grid) _ = await counts.TryGridAsync(http, request, Viewer.Public, sectors, CancellationToken.None) ?? throw new InvalidOperationException(url);
            else _ = await counts.TryUnitsAsync(http, request, Viewer.Public, CancellationToken.None) ?? throw new InvalidOperationException(url);
        }
        await Once();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.TotalProcessorTime;
        for (var i = 0; i < 10; i++) await Once();
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalMilliseconds / 10;
    }

    static (CoverageRequest Request, bool Grid) RequestOf(string url)
    {
        var query = new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + url).Query)
            .ToDictionary(p => p.Key, p => p.Value));
        var errors = new FieldErrors();
        var grid = url.StartsWith("/api/coverage/grid", StringComparison.Ordinal);
        var counts = url.StartsWith("/api/coverage/counts", StringComparison.Ordinal);
        return (CoverageRequest.FromQuery(query, errors, TimeProvider.System, grid || counts ? "none" : "simplified") with { WithTitles = !counts }, grid);
    }

    /// <summary>The statement the SQL path runs for the URL, as the public sees it.</summary>
    static async Task SqlAsync(NpgsqlDataSource db, string url)
    {
        var (request, grid) = RequestOf(url);
        if (grid) await CoverageGridApi.ReadAsync(db, request, Viewer.Public, [.. Vocabularies.Sectors.Select(s => s.Code)], CancellationToken.None);
        else await UnitCoverage.ReadAsync(db, request, Viewer.Public, CancellationToken.None);
    }

    static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
