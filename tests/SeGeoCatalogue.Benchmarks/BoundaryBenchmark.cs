namespace SeGeoCatalogue.Benchmarks;

/// <summary>Query times of the admin-unit endpoints (the figures in the README's table).</summary>
public static class BoundaryBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        await using var host = await BenchmarkHost.StartAsync();
        string[] urls =
        [
            "/api/admin-units?level=township&geometry=simplified&limit=1000",
            "/api/admin-units?level=village-tract&geometry=simplified&limit=1000",
            "/api/admin-units?level=village-tract&geometry=none&limit=10000",
            "/api/admin-units/MMR011001",
            "/api/admin-units/at?lon=97.6275&lat=16.4905",
            "/api/admin-units?level=village-tract&bbox=97.5,16.3,97.8,16.6&geometry=simplified",
            "/api/admin-units?q=mawlamyine&geometry=none",
        ];
        foreach (var url in urls)
            await Timing.MeasureAsync(url, 30, async () => (await host.Client.GetAsync(url)).EnsureSuccessStatusCode());
        return 0;
    }
}
