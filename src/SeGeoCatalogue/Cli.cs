using SeGeoCatalogue.Boundaries;
using SeGeoCatalogue.Data;

namespace SeGeoCatalogue;

/// <summary>Command-line verbs that share the web host's configuration and services.</summary>
public static class Cli
{
    /// <summary>import-boundaries [--dir D]: migrate, import, print the report; exit 1 when a file was rejected.</summary>
    public static async Task<int> ImportBoundariesAsync(WebApplication app, string[] args)
    {
        var dirIndex = Array.IndexOf(args, "--dir");
        var dir = dirIndex >= 0 && dirIndex + 1 < args.Length ? args[dirIndex + 1] : null;
        using var scope = app.Services.CreateScope();
        await DatabaseStartup.MigrateAsync(scope.ServiceProvider, CancellationToken.None);
        var report = await scope.ServiceProvider.GetRequiredService<BoundaryImporter>().ImportAsync(dir);
        Console.WriteLine(report);
        return report.Succeeded ? 0 : 1;
    }

    /// <summary>
    /// import-release FILE --name NAME [--released-on YYYY-MM-DD] [--states MMR003,MMR011|all] [--commit]: a MIMU release
    /// (.zip of Shapefiles or .gpkg) as a new boundary edition; prints what changes and commits only with --commit.
    /// </summary>
    public static async Task<int> ImportReleaseAsync(WebApplication app, string[] args)
    {
        string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        if (args.Length < 2 || Option("--name") is not { } name)
        {
            Console.Error.WriteLine("usage: import-release FILE --name \"MIMU Pcodes 9.6\" [--released-on YYYY-MM-DD] [--states MMR003,MMR011|all] [--commit]");
            return 2;
        }
        var errors = new Shared.FieldErrors();
        var states = Boundaries.Releases.BoundaryReleasesApi.ParseStates(Option("--states") ?? "", errors);
        DateOnly? releasedOn = Option("--released-on") is { } d ? DateOnly.ParseExact(d, "yyyy-MM-dd") : null;
        if (errors.Any) { Console.Error.WriteLine("--states: write state pcodes such as MMR003,MMR011, or all."); return 2; }

        using var scope = app.Services.CreateScope();
        await DatabaseStartup.MigrateAsync(scope.ServiceProvider, CancellationToken.None);
        var commit = args.Contains("--commit");
        var report = await scope.ServiceProvider.GetRequiredService<Boundaries.Releases.BoundaryReleaseImport>()
            .ImportAsync(args[1], name, releasedOn, states, commit, CancellationToken.None);
        Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(report, Shared.JsonConventions.Indented));
        if (report.Succeeded && !commit) Console.WriteLine("Dry run: nothing was stored. Run again with --commit to import this edition.");
        return report.Succeeded ? 0 : 1;
    }

    /// <summary>
    /// seed-demo [--if-empty]: migrate, then replace the demo catalogue (is_demo records only) and make sure the
    /// demo member account exists. With --if-empty nothing happens when the catalogue already has records.
    /// </summary>
    public static async Task<int> SeedDemoAsync(WebApplication app, string[] args)
    {
        using var scope = app.Services.CreateScope();
        await DatabaseStartup.PrepareAsync(scope.ServiceProvider, CancellationToken.None);
        var db = scope.ServiceProvider.GetRequiredService<CatalogueDb>();
        if (args.Contains("--if-empty") && await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Datasets))
        {
            Console.WriteLine("Demo catalogue: not loaded, the catalogue already has records.");
            return 0;
        }
        var count = await Datasets.DemoCatalogue.SeedAsync(scope.ServiceProvider.GetRequiredService<Npgsql.NpgsqlDataSource>());
        Console.WriteLine($"Demo catalogue: {count} records (titles start with [Demo]; is_demo = true).");
        Console.WriteLine($"Demo member: {await Accounts.DemoMember.EnsureAsync(scope.ServiceProvider)}");
        return 0;
    }
}
