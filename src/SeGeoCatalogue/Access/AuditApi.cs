using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SeGeoCatalogue.Accounts;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Access;

/// <summary>The audit log for curators, newest first, optionally for one user (email) or one action.</summary>
public static class AuditApi
{
    static readonly PageBounds AuditPage = new(100, 1000);

    public sealed record AuditJson(long Id, DateTimeOffset At, string User, string? UserId, string Action, string Target, JsonElement Detail, string? Ip);

    public static RouteGroupBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.Curator);

        group.MapGet("/", async (int? limit, int? offset, string? user, string? action, CatalogueDb db, CancellationToken ct) =>
        {
            var page = Paging.From(limit, offset, AuditPage);
            var entries = db.AuditLog.AsNoTracking()
                .Where(a => (user == null || a.UserName == user) && (action == null || a.Action == action));
            var rows = await entries.OrderByDescending(a => a.Id).Skip(page.Offset).Take(page.Limit).ToListAsync(ct);
            var items = rows.Select(a => new AuditJson(a.Id, a.At, a.UserName, a.UserId, a.Action, a.Target,
                JsonSerializer.Deserialize<JsonElement>(a.Detail), a.Ip)).ToList();
            return TypedResults.Ok(new ListPage<AuditJson>(await entries.LongCountAsync(ct), page.Limit, page.Offset, items));
        }).WithSummary("The audit log of writes, newest first (curators)").WithMetadata(AuditPage);

        return group;
    }
}
