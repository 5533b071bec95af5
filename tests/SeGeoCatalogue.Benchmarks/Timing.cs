using System.Diagnostics;

namespace SeGeoCatalogue.Benchmarks;

/// <summary>Runs an operation repeatedly (after a warm-up) and reports median and p95 in milliseconds.</summary>
public static class Timing
{
    public static async Task<(double Median, double P95)> MeasureAsync(string name, int runs, Func<Task> operation, int warmup = 3)
    {
        for (var i = 0; i < warmup; i++) await operation();
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await operation();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        var median = times[times.Count / 2];
        var p95 = times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.95) - 1)];
        Console.WriteLine($"{name,-60} median {median,8:F1} ms   p95 {p95,8:F1} ms   (n={runs})");
        return (median, p95);
    }
}
