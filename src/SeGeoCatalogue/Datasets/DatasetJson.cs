using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Npgsql;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Boundaries;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Footprints;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Datasets;

public sealed record HolderJson(int Id, string Name, string? Acronym);

public sealed record AreaJson(
    IReadOnlyList<string> Pcodes, Geometry? Footprint, double FootprintThreshold, bool WholeWiderSe, IReadOnlyList<string> Notices,
    int? Edition, IReadOnlyList<LinkReviewJson> NeedsReview);

/// <summary>A picked unit a newer boundary edition retired, and the current units its area lies in.</summary>
public sealed record LinkReviewJson(string Pcode, IReadOnlyList<string> Successors);

/// <summary>A record as GET /api/datasets/{id} returns it.</summary>
public sealed record DatasetJson(
    int Id, string Title, string? Summary, HolderJson Holder, string? Contact, string? Source, string? License,
    List<string> Sectors, List<string> Indicators, string? DisaggregationLevel, List<string> Methods, string SpatialCompleteness,
    DateOnly? PeriodStart, DateOnly? PeriodEnd, DateOnly? CollectedOn, string? UpdateFrequency, string Availability,
    List<string> Formats, List<DatasetLinkJson> Links, string? AssessmentStatus, string CurationState, string Visibility,
    bool FootprintSensitive, bool IsDemo, string Freshness, AreaJson Area,
    AuthorJson CreatedBy, DateTimeOffset CreatedAt, AuthorJson UpdatedBy, DateTimeOffset UpdatedAt)
{
    public static string ETag(Dataset dataset) => IfMatch.ETag(dataset.Version);

    /// <summary>The record if the viewer may see it; footprint and village-tract picks only when the viewer sees detail.</summary>
    public static async Task<(Dataset Dataset, DatasetJson Json)?> LoadAsync(CatalogueDb db, int id, Viewer viewer, TimeProvider clock, CancellationToken ct)
    {
        var dataset = await db.Datasets.AsNoTracking().Include(d => d.Holder).VisibleTo(viewer).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (dataset is null) return null;
        var detail = await DatasetVisibility.SeesDetailAsync(db, viewer, id, ct);
        var links = await db.DatasetLinks.Where(l => l.DatasetId == id)
            .Join(db.AdminUnits, l => l.Pcode, u => u.Pcode, (l, u) => new { l.Pcode, l.Origin, u.Level, l.EditionId, l.NeedsReview, l.Successors })
            .Where(l => detail || DatasetVisibility.ShownWithoutDetail((short)l.Level))
            .ToListAsync(ct);
        var states = await db.AdminUnits.Where(u => u.Level == AdminLevel.State && u.RetiredAt == null).Select(u => u.Pcode).ToListAsync(ct);
        var picked = links.Where(l => l.Origin == "picked").Select(l => l.Pcode).Order(StringComparer.Ordinal).ToList();
        var notices = await FootprintLinks.NoticesAsync((NpgsqlConnection)db.Database.GetDbConnection(),
            links.Where(l => l.Origin == "footprint").Select(l => l.Pcode).ToArray(), ct);
        var area = new AreaJson(picked, detail ? dataset.Footprint : null, dataset.FootprintThreshold,
            states.Count > 0 && states.All(picked.Contains), notices,
            links.Count > 0 ? links.Max(l => l.EditionId) : null,
            links.Where(l => l.NeedsReview).OrderBy(l => l.Pcode, StringComparer.Ordinal)
                .Select(l => new LinkReviewJson(l.Pcode, l.Successors ?? [])).ToList());
        var authors = await Authors.LoadAsync(db, viewer, [dataset.CreatedBy, dataset.UpdatedBy], ct);
        return (dataset, From(dataset, area, authors, MyanmarTime.Today(clock)));
    }

    static DatasetJson From(Dataset d, AreaJson area, Authors authors, DateOnly today) => new(
        d.Id, d.Title, d.Summary, new HolderJson(d.HolderId, d.Holder!.Name, d.Holder.Acronym), d.Contact, d.Source, d.License,
        d.Sectors, d.Indicators, d.DisaggregationLevel, d.Methods, d.SpatialCompleteness, d.PeriodStart, d.PeriodEnd, d.CollectedOn,
        d.UpdateFrequency, d.Availability, d.Formats, JsonSerializer.Deserialize<List<DatasetLinkJson>>(d.Links, JsonSerializerOptions.Web) ?? [],
        d.AssessmentStatus, d.CurationState, d.Visibility, d.FootprintSensitive, d.IsDemo,
        Datasets.Freshness.State(d, today), area,
        authors.Show(d.CreatedBy), d.CreatedAt, authors.Show(d.UpdatedBy), d.UpdatedAt);
}
