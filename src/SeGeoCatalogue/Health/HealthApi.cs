using Microsoft.EntityFrameworkCore;
using SeGeoCatalogue.ApiDocs;
using SeGeoCatalogue.Boundaries;
using SeGeoCatalogue.Data;

namespace SeGeoCatalogue.Health;

public static class HealthApi
{
    public sealed record HealthReport(string Status, string Database, IReadOnlyDictionary<string, int>? Units, string? Error);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (CatalogueDb db, DatabaseState state, CancellationToken ct) =>
        {
            if (!state.Ready)
                return Results.Json(new HealthReport("starting", "not ready", null, state.LastError), statusCode: 503);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                var counts = await db.AdminUnits.AsNoTracking()
                    .Where(u => u.RetiredAt == null)
                    .GroupBy(u => u.Level)
                    .Select(g => new { g.Key, Count = g.Count() })
                    .ToListAsync(timeout.Token);
                var units = AdminLevels.All.ToDictionary(l => l.ApiName(), l => counts.FirstOrDefault(c => c.Key == l)?.Count ?? 0);
                return Results.Json(new HealthReport("ok", "up", units, null));
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or OperationCanceledException or TimeoutException or InvalidOperationException)
            {
                return Results.Json(new HealthReport("unavailable", "unreachable", null, e.Message), statusCode: 503);
            }
        }).WithTags("Health").WithSummary("Database state and unit counts per level; 503 while the database is unreachable").Produces<HealthReport>().Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }
}
