using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Boundaries;

/// <summary>A fresh installation: an empty database and nothing configured but the connection string.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task A_fresh_database_is_migrated_before_anything_reads_it_and_gets_the_shipped_boundaries()
    {
        var connectionString = await PostGisServer.CreateEmptyDatabaseAsync();
        var logs = new CapturedLogs();
        await using (var app = new FreshApp(connectionString, logs))
        {
            await app.StartAsync();
            var health = JsonNode.Parse(await app.CreateClient().GetStringAsync("/health"))!["units"]!;

            // Expected counts from the files in boundaries/ read with NetTopologySuite, not from the service.
            var townships = BoundaryData.Read("townships.geojson");
            Assert.Equal(townships.Select(f => f.Property("st_pcode")).Distinct().Count(), (int)health["state"]!);
            Assert.Equal(townships.Count, (int)health["township"]!);
            Assert.Equal(BoundaryData.Read("village_tracts.geojson").Count, (int)health["village-tract"]!);
            Assert.Equal((7, 79, 2578), ((int)health["state"]!, (int)health["township"]!, (int)health["village-tract"]!));
        }
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning && e.Message.Contains("does not exist"));
        await PostGisServer.DropDatabaseAsync(connectionString);
    }

    [Fact]
    public void The_boundary_files_ship_in_the_repository_and_no_code_reads_a_folder_beside_it()
    {
        foreach (var name in new[] { "townships.geojson", "village_tracts.geojson", "wards.geojson" })
            Assert.True(File.Exists(Path.Combine(BoundaryData.RepoRoot, "boundaries", name)), name);
        var offenders = Directory.EnumerateFiles(Path.Combine(BoundaryData.RepoRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Where(f => File.ReadAllText(f).Contains("\"shared\""));
        Assert.Empty(offenders);
    }

    sealed class FreshApp(string connectionString, CapturedLogs logs) : CatalogueApp(connectionString)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(l => l.AddProvider(logs));
        }
    }

    sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentBag<(LogLevel Level, string Message)> Entries { get; } = [];
        public ILogger CreateLogger(string categoryName) => new Logger(this);
        public void Dispose() { }

        sealed class Logger(CapturedLogs owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Entries.Add((logLevel, formatter(state, exception) + " " + exception?.Message));
        }
    }
}
