using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using SeGeoCatalogue.ApiDocs;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Accounts;
using SeGeoCatalogue.Boundaries;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Shared;
using SeGeoCatalogue.Requests;

namespace SeGeoCatalogue;

public static class CatalogueServices
{
    public static void AddCatalogueServices(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Catalogue")
            ?? throw new InvalidOperationException(
                "No database configured: set ConnectionStrings__Catalogue (scripts/postgis.sh starts PostGIS and prints one).");

        builder.Services.AddCatalogueDatabase(connectionString);
        builder.Services.AddSingleton<AuditInWriteTransaction>();
        builder.Services.AddDbContext<CatalogueDb>((services, o) => o
            .UseNpgsql(services.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.UseNetTopologySuite())
            .AddInterceptors(services.GetRequiredService<AuditInWriteTransaction>())
            // A failed command is logged once, where the request ends (ProblemExceptionHandler or the 500 path), not also here.
            .ConfigureWarnings(w => w.Log(
                (RelationalEventId.ConnectionError, LogLevel.Debug), (RelationalEventId.CommandError, LogLevel.Debug),
                (CoreEventId.QueryIterationFailed, LogLevel.Debug), (CoreEventId.SaveChangesFailed, LogLevel.Debug))));

        builder.Services.AddOptions<BoundaryOptions>().Configure(o => o.Dir = builder.Configuration["SEGEO_BOUNDARIES_DIR"]);
        builder.Services.AddSingleton<BoundaryFiles>();
        builder.Services.AddScoped<BoundaryImporter>();
        builder.Services.AddScoped<Boundaries.Releases.BoundaryReleaseImport>();
        builder.Services.AddSingleton<DatabaseState>();
        builder.Services.AddHostedService<DatabaseStartup>();
        builder.AddAccounts();
        builder.AddWebSecurity();
        builder.AddRequests();
        builder.Services.AddOptions<Coverage.Counting.CountingOptions>().BindConfiguration("Coverage");
        builder.Services.AddSingleton<Coverage.Counting.CoverageCounts>();
        builder.Services.AddHostedService<Coverage.Counting.CatalogueChangesListener>();
        builder.Services.AddOptions<Footprints.FootprintOptions>().BindConfiguration("Footprints");
        builder.Services.AddOptions<Inventory.InventoryOptions>().BindConfiguration("Inventory");
        if (builder.Configuration.GetValue<int?>("Freshness:MaxAgeDays") is { } maxAge) Datasets.Freshness.MaxAgeDays = maxAge;

        builder.Services.AddProblemDetails();
        builder.Services.AddCatalogueCompression();
        builder.Services.AddExceptionHandler<Shared.ProblemExceptionHandler>();
        // Unbindable query values (limit=abc) throw, so ProblemExceptionHandler can name the parameter in a 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddCatalogueOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o => JsonConventions.Apply(o.SerializerOptions));
    }
}

/// <summary>The top-level wwwroot/ of the checkout when running from one, else the copy beside the binaries.</summary>
public static class WebRoot
{
    public static string Find()
    {
        var root = RepositoryRoot.Find();
        return root is not null ? Path.Combine(root, "wwwroot") : Path.Combine(AppContext.BaseDirectory, "wwwroot");
    }
}

/// <summary>The checkout's top folder (the one with SeGeoCatalogue.sln), when running from one.</summary>
public static class RepositoryRoot
{
    public static string? Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "SeGeoCatalogue.sln"))) return dir.FullName;
        }
        return null;
    }
}
