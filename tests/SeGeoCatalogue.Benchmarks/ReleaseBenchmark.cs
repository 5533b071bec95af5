using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SeGeoCatalogue.Boundaries.Releases;
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
        return 0;
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
