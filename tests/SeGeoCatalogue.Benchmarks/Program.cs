using SeGeoCatalogue.Benchmarks;

// dotnet run -c Release --project tests/SeGeoCatalogue.Benchmarks -- <benchmark> [options]
// Needs ConnectionStrings__Catalogue (or SEGEO_BENCH_POSTGRES) naming a PostGIS database it may fill.
var benchmarks = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["boundaries"] = BoundaryBenchmark.RunAsync,
    ["catalogue"] = CatalogueBenchmark.RunAsync,
    ["coverage"] = CoverageBenchmark.RunAsync,
    ["releases"] = ReleaseBenchmark.RunAsync,
    ["inventory"] = InventoryBenchmark.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: <benchmark> [options]; benchmarks: {string.Join(", ", benchmarks.Keys)}");
    return 2;
}
return await run(args[1..]);
