using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Accounts;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.GapReasons;

/// <summary>
/// Why a gap is a gap: marks "not-applicable" / "inaccessible" on a unit × sector. Everyone reads the active marks
/// (organisation and role of who said it, never the person); curators mark any unit, members where their organisation
/// holds a record of that sector (<see cref="MayMarkAsync"/>). Writes go through the audit like every /api write.
/// </summary>
public static class GapMarksApi
{
    static readonly PageBounds Page = new(100, 1000);

    public sealed record MarkBody(string? Pcode, string? Sector, string? Reason, string? Comment, string? ObservedOn);
    public sealed record MarkedBy(string? Organisation, string Role);
    public sealed record MarkJson(int Id, string Pcode, string Sector, string Reason, string Comment, DateOnly ObservedOn,
        MarkedBy MarkedBy, DateTimeOffset MarkedAt);

    public static RouteGroupBuilder MapGapMarks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/gap-marks").WithTags("Gap reasons");
        group.MapGet("/", ListAsync).WithSummary("Active marks saying why units have no data for a sector").Produces<ListPage<MarkJson>>().WithMetadata(Page);
        group.MapPost("/", SetAsync).RequireAuthorization(Policies.Member).WithSummary("Mark a unit × sector as not applicable or inaccessible, with a comment").Produces<MarkJson>(StatusCodes.Status201Created);
        group.MapDelete("/{id:int}", WithdrawAsync).RequireAuthorization(Policies.Member).WithSummary("Withdraw a mark").Produces(StatusCodes.Status204NoContent);
        return group;
    }

    static async Task<IResult> SetAsync(MarkBody body, HttpContext http, IViewerAccessor viewers, CatalogueDb db, NpgsqlDataSource data,
        TimeProvider clock, CancellationToken ct)
    {
        var viewer = viewers.Current(http);
        var errors = new FieldErrors();
        var pcode = body.Pcode?.Trim() ?? "";
        if (pcode.Length == 0) errors.Add("pcode", "Name the unit by its pcode (e.g. MMR003001).");
        else if (pcode.Length > 20 || !await db.AdminUnits.AnyAsync(u => u.Pcode == pcode && u.RetiredAt == null, ct))
            errors.Add("pcode", $"'{pcode}' is not the pcode of a current unit; pick one from /api/admin-units.");
        if (!Vocabularies.Contains(Vocabularies.Sectors, body.Sector))
            errors.Add("sector", $"'{body.Sector}' is not a sector; use one of {string.Join(", ", Vocabularies.Sectors.Select(s => s.Code))}.");
        if (body.Reason is null || !GapReasonCodes.All.Contains(body.Reason))
            errors.Add("reason", $"'{body.Reason}' is not a reason; use not-applicable (nothing to collect here) or inaccessible (not assessed, say why).");
        var comment = body.Comment?.Trim() ?? "";
        if (comment.Length == 0) errors.Add("comment", "Say why (e.g. \"no coastline\", \"no access since 2024 fighting\").");
        else if (comment.Length > GapReasonCodes.MaxComment) errors.Add("comment", $"Keep the comment to {GapReasonCodes.MaxComment} characters (it has {comment.Length}).");
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var observedOn = today;
        if (!string.IsNullOrWhiteSpace(body.ObservedOn)
            && (!DateOnly.TryParseExact(body.ObservedOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out observedOn) || observedOn > today.AddDays(1)))
            errors.Add("observed_on", $"'{body.ObservedOn}' is not a date up to today; write it as YYYY-MM-DD, or leave it out for today.");
        if (errors.Any) return errors.ToResult();

        if (!await MayMarkAsync(data, viewer, pcode, body.Sector!, ct))
            return Forbidden($"Only curators, and members of an organisation that holds a {body.Sector} record in, around or inside {pcode}, may say why it has no data.");

        var mark = new GapMark
        {
            Pcode = pcode, Sector = body.Sector!, Reason = body.Reason!, Comment = comment, ObservedOn = observedOn,
            OrganisationId = viewer.OrganisationId, MarkedByRole = viewer.IsCurator ? Roles.Curator : Roles.Member,
            CreatedById = viewer.UserId!, CreatedAt = clock.GetUtcNow(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // A new mark replaces the active one on the same unit × sector; the old one stays as history.
        await db.GapMarks.Where(m => m.Pcode == pcode && m.Sector == mark.Sector && m.WithdrawnAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.WithdrawnAt, mark.CreatedAt).SetProperty(m => m.WithdrawnById, viewer.UserId), ct);
        db.GapMarks.Add(mark);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var json = await Select(db, db.GapMarks.Where(m => m.Id == mark.Id)).SingleAsync(ct);
        return TypedResults.Created($"/api/gap-marks/{mark.Id}", json);
    }

    /// <summary>
    /// Curators mark any unit. A member marks a unit × sector when their organisation holds a record (not deleted, in any
    /// curation state) of that sector that says something about the unit: linked to it, to a unit around it or inside it.
    /// They know the ground there; other organisations' members can ask a curator or mark a need instead.
    /// </summary>
    public static async Task<bool> MayMarkAsync(NpgsqlDataSource data, Viewer viewer, string pcode, string sector, CancellationToken ct)
    {
        if (viewer.IsCurator) return true;
        if (!viewer.IsMember || viewer.OrganisationId is not { } org) return false;
        await using var cmd = data.CreateCommand("""
            SELECT EXISTS (
              SELECT 1
              FROM datasets d
              JOIN dataset_units du ON du.dataset_id = d.id
              JOIN admin_units r ON r.pcode = du.pcode
              JOIN admin_units u ON u.pcode = @pcode
              WHERE d.holder_id = @org AND d.deleted_at IS NULL AND @sector = ANY(d.sectors)
                AND (u.pcode = r.pcode
                     OR u.pcode IN (r.state_pcode, r.district_pcode, r.township_pcode, r.parent_pcode)
                     OR r.pcode IN (u.state_pcode, u.district_pcode, u.township_pcode, u.parent_pcode)))
            """);
        cmd.Parameters.AddWithValue("pcode", pcode);
        cmd.Parameters.AddWithValue("org", org);
        cmd.Parameters.AddWithValue("sector", sector);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    static async Task<IResult> ListAsync(string? sector, string? pcode, int? limit, int? offset, CatalogueDb db, CancellationToken ct)
    {
        var marks = db.GapMarks.AsNoTracking().Where(m => m.WithdrawnAt == null);
        if (!string.IsNullOrEmpty(sector)) marks = marks.Where(m => m.Sector == sector);
        if (!string.IsNullOrEmpty(pcode)) marks = marks.Where(m => m.Pcode == pcode);
        var page = Paging.From(limit, offset, Page);
        var items = await Select(db, marks.OrderBy(m => m.Pcode).ThenBy(m => m.Sector)).Skip(page.Offset).Take(page.Limit).ToListAsync(ct);
        return TypedResults.Ok(new ListPage<MarkJson>(await marks.LongCountAsync(ct), page.Limit, page.Offset, items));
    }

    static async Task<IResult> WithdrawAsync(int id, HttpContext http, IViewerAccessor viewers, CatalogueDb db, NpgsqlDataSource data,
        TimeProvider clock, CancellationToken ct)
    {
        var viewer = viewers.Current(http);
        var mark = await db.GapMarks.FirstOrDefaultAsync(m => m.Id == id && m.WithdrawnAt == null, ct);
        if (mark is null) return TypedResults.Problem($"id: there is no active gap mark {id}.", statusCode: StatusCodes.Status404NotFound);
        // Withdrawing needs the same right as marking: the organisation that knows the ground there, or a curator.
        if (!await MayMarkAsync(data, viewer, mark.Pcode, mark.Sector, ct))
            return Forbidden($"Only curators, and members of an organisation that holds a {mark.Sector} record in, around or inside {mark.Pcode}, may withdraw this mark.");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        mark.WithdrawnAt = clock.GetUtcNow();
        mark.WithdrawnById = viewer.UserId;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    static IResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed to mark this gap");

    static IQueryable<MarkJson> Select(CatalogueDb db, IQueryable<GapMark> marks) =>
        marks.Select(m => new MarkJson(m.Id, m.Pcode, m.Sector, m.Reason, m.Comment, m.ObservedOn,
            new MarkedBy(db.Organisations.Where(o => o.Id == m.OrganisationId).Select(o => o.Name).FirstOrDefault(), m.MarkedByRole),
            m.CreatedAt));
}
