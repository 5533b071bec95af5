using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Npgsql;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Accounts;
using SeGeoCatalogue.Boundaries;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Demand;

/// <summary>
/// Demand on the gap map: members mark "we need this data here" on units (pcodes, or an area drawn on the map) for a
/// sector; everyone signed in reads the marks; a record's holder sees which marks the record answers (dataset_id).
/// </summary>
public static class NeedsApi
{
    static readonly PageBounds Page = new(100, 500);

    public sealed record NeedBody(string[]? Pcodes, Geometry? Area, string? Level, string? Sector, string? Indicator, string? Note);
    public sealed record NeedJson(int Id, OrganisationRef? Organisation, string CreatedBy, string Sector, string? Indicator, string Note,
        DateTimeOffset CreatedAt, IReadOnlyList<string> Pcodes);

    public static RouteGroupBuilder MapNeeds(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/needs").WithTags("Demand").RequireAuthorization(Policies.Member);
        group.MapPost("/", CreateAsync).WithSummary("Say which data your organisation needs where").Produces<NeedJson>(StatusCodes.Status201Created);
        group.MapGet("/", ListAsync).WithSummary("Needs for data, newest first").Produces<ListPage<NeedJson>>().WithMetadata(Page);
        group.MapDelete("/{id:int}", WithdrawAsync).WithSummary("Withdraw a need").Produces(StatusCodes.Status204NoContent);
        return group;
    }

    static async Task<IResult> CreateAsync(NeedBody body, HttpContext http, IViewerAccessor viewers, CatalogueDb db, NpgsqlDataSource data,
        TimeProvider clock, CancellationToken ct)
    {
        var viewer = viewers.Current(http);
        var errors = new FieldErrors();
        if (!Vocabularies.Contains(Vocabularies.Sectors, body.Sector))
            errors.Add("sector", $"'{body.Sector}' is not a sector; use one of {string.Join(", ", Vocabularies.Sectors.Select(s => s.Code))}.");
        var note = body.Note?.Trim() ?? "";
        if (note.Length is 0 or > 2000) errors.Add("note", "Say what data is needed and why (1–2000 characters).");
        if (body.Indicator?.Trim().Length > 200) errors.Add("indicator", "Keep the indicator to 200 characters.");
        var pcodes = (body.Pcodes ?? []).Select(p => p.Trim()).Where(p => p.Length > 0).Distinct().ToList();
        if (pcodes.Count == 0 && body.Area is null) errors.Add("pcodes", "Name the units (pcodes) where the data is needed, or draw an area.");
        if (pcodes.Count > 500) errors.Add("pcodes", "Mark at most 500 units at once.");
        var level = AdminLevel.Township;
        if (body.Level is not null && !AdminLevels.TryParse(body.Level, out level))
            errors.Add("level", $"'{body.Level}' is not a level; use state, district, township or village-tract.");
        if (body.Area is not null && (body.Area is not (Polygon or MultiPolygon) || !body.Area.IsValid))
            errors.Add("area", "Draw the area as one valid Polygon or MultiPolygon (GeoJSON, lon/lat).");
        if (errors.Any) return errors.ToResult();

        if (pcodes.Count > 0)
        {
            var known = await db.AdminUnits.Where(u => pcodes.Contains(u.Pcode) && u.RetiredAt == null).Select(u => u.Pcode).ToListAsync(ct);
            var unknown = pcodes.Except(known).ToList();
            if (unknown.Count > 0) return errors.Add("pcodes", $"Unknown pcodes: {string.Join(", ", unknown)}.").ToResult();
        }
        if (body.Area is not null)
        {
            var inArea = await UnitsInAsync(data, body.Area, level, ct);
            if (inArea.Count == 0) return errors.Add("area", $"The area covers no {level.ApiName()} of the wider SE.").ToResult();
            pcodes = [.. pcodes.Union(inArea)];
        }

        var need = new DataNeed
        {
            OrganisationId = viewer.OrganisationId, CreatedById = viewer.UserId!, CreatedBy = viewer.Name, Sector = body.Sector!,
            Indicator = body.Indicator?.Trim() is { Length: > 0 } i ? i : null, Note = note, CreatedAt = clock.GetUtcNow(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.DataNeeds.Add(need);
        await db.SaveChangesAsync(ct);
        db.DataNeedUnits.AddRange(pcodes.Select(p => new DataNeedUnit { NeedId = need.Id, Pcode = p }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var json = await Select(db, db.DataNeeds.Where(n => n.Id == need.Id)).SingleAsync(ct);
        return TypedResults.Created($"/api/needs/{need.Id}", json);
    }

    /// <summary>The units of a level whose interior the area reaches (a shared border alone does not count).</summary>
    static async Task<List<string>> UnitsInAsync(NpgsqlDataSource data, Geometry area, AdminLevel level, CancellationToken ct)
    {
        area.SRID = 4326;
        await using var cmd = data.CreateCommand("""
            SELECT pcode FROM admin_units
            WHERE level = @level AND retired_at IS NULL AND geom && @area AND ST_Intersects(geom, @area) AND NOT ST_Touches(geom, @area)
            ORDER BY pcode
            """);
        cmd.Parameters.AddWithValue("level", (short)level);
        cmd.Parameters.AddWithValue("area", area);
        var pcodes = new List<string>();
        await using var rows = await cmd.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct)) pcodes.Add(rows.GetString(0));
        return pcodes;
    }

    static async Task<IResult> ListAsync(string? sector, [FromQuery(Name = "dataset_id")] int? datasetId, int? limit, int? offset,
        HttpContext http, IViewerAccessor viewers, CatalogueDb db, NpgsqlDataSource data, CancellationToken ct)
    {
        var needs = db.DataNeeds.AsNoTracking().Where(n => n.WithdrawnAt == null);
        if (sector is not null) needs = needs.Where(n => n.Sector == sector);
        if (datasetId is { } id)
        {
            if (!await db.Datasets.VisibleTo(viewers.Current(http)).AnyAsync(d => d.Id == id, ct))
                return TypedResults.Problem($"dataset_id: there is no dataset {id} that you can see.", statusCode: StatusCodes.Status404NotFound);
            var answered = await AnsweredByAsync(data, id, ct);
            needs = needs.Where(n => answered.Contains(n.Id));
        }
        var page = Paging.From(limit, offset, Page);
        var items = await Select(db, needs.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)).Skip(page.Offset).Take(page.Limit).ToListAsync(ct);
        return TypedResults.Ok(new ListPage<NeedJson>(await needs.LongCountAsync(ct), page.Limit, page.Offset, items));
    }

    /// <summary>The needs a record answers: one of its sectors, and a linked unit that is, contains or lies in a marked unit.</summary>
    static async Task<List<int>> AnsweredByAsync(NpgsqlDataSource data, int datasetId, CancellationToken ct)
    {
        await using var cmd = data.CreateCommand("""
            SELECT DISTINCT dn.id
            FROM datasets d
            JOIN dataset_units du ON du.dataset_id = d.id
            JOIN admin_units r ON r.pcode = du.pcode
            JOIN data_needs dn ON dn.sector = ANY(d.sectors) AND dn.withdrawn_at IS NULL
            JOIN data_need_units nu ON nu.need_id = dn.id
            JOIN admin_units n ON n.pcode = nu.pcode
            WHERE d.id = @id
              AND (n.pcode = r.pcode
                   OR n.pcode IN (r.state_pcode, r.district_pcode, r.township_pcode, r.parent_pcode)
                   OR r.pcode IN (n.state_pcode, n.district_pcode, n.township_pcode, n.parent_pcode))
            """);
        cmd.Parameters.AddWithValue("id", datasetId);
        var ids = new List<int>();
        await using var rows = await cmd.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct)) ids.Add(rows.GetInt32(0));
        return ids;
    }

    static async Task<IResult> WithdrawAsync(int id, HttpContext http, IViewerAccessor viewers, CatalogueDb db, TimeProvider clock, CancellationToken ct)
    {
        var viewer = viewers.Current(http);
        var need = await db.DataNeeds.FirstOrDefaultAsync(n => n.Id == id && n.WithdrawnAt == null, ct);
        if (need is null) return TypedResults.Problem($"There is no need {id}.", statusCode: StatusCodes.Status404NotFound);
        var mayWithdraw = viewer.IsCurator || need.CreatedById == viewer.UserId
            || (need.OrganisationId is { } org && viewer.IsMember && viewer.OrganisationId == org);
        if (!mayWithdraw)
            return TypedResults.Problem($"Need {id} was marked by another organisation; only its members and curators may withdraw it.",
                statusCode: StatusCodes.Status403Forbidden);
        need.WithdrawnAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    static IQueryable<NeedJson> Select(CatalogueDb db, IQueryable<DataNeed> needs) =>
        needs.Select(n => new NeedJson(n.Id,
            db.Organisations.Where(o => o.Id == n.OrganisationId).Select(o => new OrganisationRef(o.Id, o.Name)).FirstOrDefault(),
            n.CreatedBy, n.Sector, n.Indicator, n.Note, n.CreatedAt,
            db.DataNeedUnits.Where(u => u.NeedId == n.Id).OrderBy(u => u.Pcode).Select(u => u.Pcode).ToList()));
}
