using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SeGeoCatalogue.Data;

namespace SeGeoCatalogue.Tests.Infrastructure;

/// <summary>The service in-process against a real PostGIS database, ready once migrations and import ran.</summary>
public class CatalogueApp(string connectionString) : WebApplicationFactory<Program>
{
    public string ConnectionString { get; } = connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Catalogue", ConnectionString);
        // Requests and SQL at Information would bury the test results; warnings and errors still show.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseEnvironment("Testing");
    }

    /// <summary>Starts the host and waits until the database is migrated and the boundaries are in.</summary>
    public async Task StartAsync()
    {
        _ = Services; // builds and starts the host
        var state = Services.GetRequiredService<DatabaseState>();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!state.Ready)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The database did not become ready: {state.LastError}");
            await Task.Delay(100);
        }
    }

    public NpgsqlDataSource DataSource => Services.GetRequiredService<NpgsqlDataSource>();

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}

/// <summary>A test class fixture: its own database copied from the imported template, and the app on it.</summary>
public sealed class CatalogueFixture : IAsyncLifetime
{
    public CatalogueApp App { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = new CatalogueApp(await PostGisServer.CreateDatabaseAsync());
        await App.StartAsync();
        Client = App.CreateClient();
    }

    public async Task DisposeAsync()
    {
        var connectionString = App.ConnectionString;
        await App.DisposeAsync();
        await PostGisServer.DropDatabaseAsync(connectionString);
    }
}
