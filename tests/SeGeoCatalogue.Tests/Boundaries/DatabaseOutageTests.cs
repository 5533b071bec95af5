using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Boundaries;

/// <summary>Issue 10, should-fix: while the database is unreachable data routes answer 503 with Retry-After, logged as one line each.</summary>
public sealed class DatabaseOutageTests
{
    static readonly string[] DataRoutes =
    [
        "/api/datasets", "/api/datasets/1", "/api/admin-units?level=state", "/api/admin-units/MMR011",
        "/ogc/collections/datasets/items", "/api/coverage?level=township", "/api/dcat",
    ];

    [Fact]
    public async Task Data_routes_answer_503_with_Retry_After_and_log_one_line_without_a_stack_trace_per_request()
    {
        var direct = await PostGisServer.CreateDatabaseAsync();
        var target = new NpgsqlConnectionStringBuilder(direct);
        await using var relay = new TcpRelay(target.Host!, target.Port);
        relay.Open();
        var viaRelay = new NpgsqlConnectionStringBuilder(direct) { Host = "127.0.0.1", Port = relay.Port, Timeout = 3 }.ConnectionString;
        var logs = new LogCollector();
        await using var app = new CatalogueApp(viaRelay);
        await using var logged = app.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        var state = logged.Services.GetRequiredService<DatabaseState>();
        for (var i = 0; i < 300 && !state.Ready; i++) await Task.Delay(100);
        Assert.True(state.Ready, state.LastError);
        var client = logged.CreateClient();

        relay.Cut();
        NpgsqlConnection.ClearAllPools();
        while (logs.Entries.TryDequeue(out _)) { }
        foreach (var route in DataRoutes)
        {
            var response = await client.GetAsync(route);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{route}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{route}: no Retry-After");
            Assert.False(string.IsNullOrWhiteSpace((string?)JsonNode.Parse(text)!["detail"]));
        }

        var lines = logs.Entries.Where(e => e.Level >= LogLevel.Warning && !e.Category.EndsWith(nameof(DatabaseStartup), StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count == DataRoutes.Length, string.Join("\n", lines.Select(l => $"{l.Level} {l.Category}: {l.Message}")));
        Assert.All(lines, l => Assert.False(l.HasException, $"{l.Category} logged an exception (stack trace): {l.Message}"));
        relay.Open();
        await PostGisServer.DropDatabaseAsync(direct);
    }

    sealed record Entry(string Category, LogLevel Level, string Message, bool HasException);

    sealed class LogCollector : ILoggerProvider
    {
        public ConcurrentQueue<Entry> Entries { get; } = new();
        public ILogger CreateLogger(string category) => new Logger(category, Entries);
        public void Dispose() { }

        sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel level) => level >= LogLevel.Warning;
            public void Log<TState>(LogLevel level, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(level)) entries.Enqueue(new Entry(category, level, formatter(state, exception), exception is not null));
            }
        }
    }
}
