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
        var db = scope.ServiceProvider.GetRequiredService<CatalogueDb>();
        await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.MigrateAsync(db.Database);
        var report = await scope.ServiceProvider.GetRequiredService<BoundaryImporter>().ImportAsync(dir);
        Console.WriteLine(report);
        return report.Succeeded ? 0 : 1;
    }

    /// <summary>seed-demo: migrate, then replace the demo catalogue (is_demo records only).</summary>
    public static async Task<int> SeedDemoAsync(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        await DatabaseStartup.PrepareAsync(scope.ServiceProvider, CancellationToken.None);
        var count = await Datasets.DemoCatalogue.SeedAsync(scope.ServiceProvider.GetRequiredService<Npgsql.NpgsqlDataSource>());
        Console.WriteLine($"Demo catalogue: {count} records (titles start with [Demo]; is_demo = true).");
        return 0;
    }
}
