using Microsoft.EntityFrameworkCore;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Accounts;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Curation;

/// <summary>The curators' review queue: submitted records, oldest submission first.</summary>
public static class ReviewApi
{
    static readonly PageBounds ReviewPage = new(50, 500);

    public sealed record HolderJson(int Id, string Name, string? Acronym);
    public sealed record ReviewItem(int Id, string Title, HolderJson Holder, string Visibility, string UpdatedBy, DateTimeOffset UpdatedAt);

    public static RouteGroupBuilder MapReview(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/review").WithTags("Curation").RequireAuthorization(Policies.Curator);

        group.MapGet("/", async (int? limit, int? offset, HttpContext http, IViewerAccessor viewers, CatalogueDb db, CancellationToken ct) =>
        {
            var page = Paging.From(limit, offset, ReviewPage);
            var submitted = db.Datasets.AsNoTracking().VisibleTo(viewers.Current(http)).Where(d => d.CurationState == "submitted");
            var items = await submitted
                .OrderBy(d => d.UpdatedAt).ThenBy(d => d.Id)
                .Skip(page.Offset).Take(page.Limit)
                .Select(d => new ReviewItem(d.Id, d.Title, new HolderJson(d.Holder!.Id, d.Holder.Name, d.Holder.Acronym), d.Visibility, d.UpdatedBy, d.UpdatedAt))
                .ToListAsync(ct);
            return TypedResults.Ok(new ListPage<ReviewItem>(await submitted.LongCountAsync(ct), page.Limit, page.Offset, items));
        }).WithSummary("The review queue: submitted records, oldest first (curators)").WithMetadata(ReviewPage);

        return group;
    }
}
