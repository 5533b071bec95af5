using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SeGeoCatalogue.Boundaries.Releases;
using SeGeoCatalogue.Tests.Infrastructure;
using SeGeoCatalogue.Tests.Boundaries;

namespace SeGeoCatalogue.Benchmarks;

/// <summary>
/// MIMU releases: the wider-SE files as a MIMU zipped Shapefile in UTM 47N (dry run, then commit), and a national-size
/// synthetic release (18 states, 324 townships, 13,608 village tracts); then coverage at national size.
/// It adds the synthetic states MMR901–MMR918 to the database it is given.
/// </summary>
public static class ReleaseBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        await using var host = await BenchmarkHost.StartAsync();
        var se = new MimuReleaseFile();
        foreach (var state in BoundaryReleaseImport.WiderSouthEast)
        {
            var one = MimuReleaseFile.FromShippedState(state);
            se.Townships.AddRange(one.Townships);
            se.Tracts.AddRange(one.Tracts);
        }
        await TimeImportAsync(host, "wider SE (79 townships, 2,578 tracts), UTM 47N", se.Zip(), BoundaryReleaseImport.WiderSouthEast);
        await TimeCoverageAsync(host, "wider SE");
        await TimeImportAsync(host, "national synthetic (324 townships, 13,608 tracts)", MimuReleaseFile.National().Zip(), null);
        await TimeCoverageAsync(host, "wider SE + national synthetic");
        await TimeTilesAsync(host);
        return 0;
    }

    /// <summary>The national synthetic release (18 states MMR901–MMR918), imported unless the database has it already.</summary>
    public static async Task NationalAsync(BenchmarkHost host)
    {
        await using var present = host.App.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            "SELECT count(*) FROM admin_units WHERE state_pcode LIKE 'MMR9%' AND retired_at IS NULL");
        if ((long)(await present.ExecuteScalarAsync())! == 0)
            await TimeImportAsync(host, "national synthetic (324 townships, 13,608 tracts)", MimuReleaseFile.National().Zip(), null);
    }

    /// <summary>Uncached vector tiles over the national synthetic states: every request a tile not asked before.</summary>
    static async Task TimeTilesAsync(BenchmarkHost host)
    {
        var national = await ScatteredTiles.ExtentAsync(host.App.Services.GetRequiredService<NpgsqlDataSource>(), "state_pcode LIKE 'MMR9%'");
        foreach (var (level, z) in new[] { ("state", 6), ("township", 8), ("township", 10), ("village-tract", 9), ("village-tract", 11), ("village-tract", 13) })
        {
            var tiles = ScatteredTiles.Over(national, z, 63);
            if (tiles.Count < 8) continue;
            var next = 0;
            long bytes = 0;
            await Timing.MeasureAsync($"national tile {level} z{z}, uncached ({tiles.Count - 3} tiles)", tiles.Count - 3, async () =>
            {
                var (x, y) = tiles[next++];
                var response = await host.Client.GetAsync($"/tiles/{level}/{z}/{x}/{y}.mvt");
                bytes += (await response.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync()).Length;
            });
            Console.WriteLine($"  mean tile {bytes / Math.Max(next, 1):N0} bytes");
        }
    }

    static async Task TimeCoverageAsync(BenchmarkHost host, string boundaries)
    {
        foreach (var url in new[]
                 {
                     "/api/coverage?level=village-tract&geometry=none",
                     "/api/coverage?level=township&geometry=none",
                     "/api/gaps?level=village-tract&geometry=none&sector=wash",
                 })
            await Timing.MeasureAsync($"{boundaries}: {url}", 20, async () => (await host.Client.GetAsync(url)).EnsureSuccessStatusCode());
    }

    static async Task TimeImportAsync(BenchmarkHost host, string name, byte[] zip, string[]? states)
    {
        var path = Path.Combine(Path.GetTempPath(), $"segeo-bench-release-{Guid.NewGuid():N}.zip");
        await File.WriteAllBytesAsync(path, zip);
        try
        {
            foreach (var commit in new[] { false, true })
            {
                using var scope = host.App.Services.CreateScope();
                var watch = Stopwatch.StartNew();
                var report = await scope.ServiceProvider.GetRequiredService<BoundaryReleaseImport>()
                    .ImportAsync(path, name, null, states, commit, CancellationToken.None);
                Console.WriteLine($"import {name}, {(commit ? "commit" : "dry run")}: {watch.Elapsed.TotalSeconds:F1} s, " +
                                  $"{report.ByState.Sum(s => s.Added.Count)} added, {report.ByState.Sum(s => s.Changed.Count)} changed, " +
                                  $"{report.ByState.Sum(s => s.Retired.Count)} retired{(report.Succeeded ? "" : " — FAILED: " + string.Join("; ", report.Problems))}");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
