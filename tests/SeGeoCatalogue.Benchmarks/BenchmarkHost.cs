using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SeGeoCatalogue.Data;

namespace SeGeoCatalogue.Benchmarks;

/// <summary>The service on a real Kestrel port against the benchmark database, migrated and with boundaries.</summary>
public sealed class BenchmarkHost : IAsyncDisposable
{
    public required WebApplication App { get; init; }
    public required HttpClient Client { get; init; }

    public static async Task<BenchmarkHost> StartAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable("SEGEO_BENCH_POSTGRES")
            ?? Environment.GetEnvironmentVariable("ConnectionStrings__Catalogue")
            ?? throw new InvalidOperationException("Set SEGEO_BENCH_POSTGRES to a PostGIS database the benchmark may fill.");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { WebRootPath = WebRoot.Find() });
        builder.Configuration["ConnectionStrings:Catalogue"] = connectionString;
        builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning);
        builder.AddCatalogueServices();
        var app = builder.Build();
        app.MapCatalogue();
        app.Urls.Add("http://127.0.0.1:0");
        await app.StartAsync();
        var state = app.Services.GetRequiredService<DatabaseState>();
        while (!state.Ready) await Task.Delay(200);
        var address = app.Urls.First();
        return new BenchmarkHost { App = app, Client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(5) } };
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
