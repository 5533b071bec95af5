using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Accounts;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Curation;

/// <summary>
/// The curation steps: a member submits a draft of their organisation; a curator publishes it (choosing its
/// visibility) or returns it with a comment. Each step is one dataset_changes row.
/// </summary>
public static class CurationApi
{
    public sealed record PublishRequest(string? Visibility);
    public sealed record ReturnRequest(string? Comment);
    public sealed record StepJson(int Id, string CurationState, string Visibility, DateTimeOffset UpdatedAt, string UpdatedBy);

    public static RouteGroupBuilder MapCuration(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/datasets/{id:int}").WithTags("Curation");

        group.MapPost("/submit", (int id, HttpContext http, IViewerAccessor viewers, CatalogueDb db, TimeProvider clock, CancellationToken ct) =>
            StepAsync(id, viewers.Current(http), db, clock, "draft", "submitted", "submitted", null, null, ct))
            .RequireAuthorization(Policies.Member).WithSummary("Submit a draft or returned record for review (its holder's members)").Produces<StepJson>().ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/publish", (int id, PublishRequest body, HttpContext http, IViewerAccessor viewers, CatalogueDb db, TimeProvider clock, CancellationToken ct) =>
        {
            if (!Vocabularies.Contains(Vocabularies.Visibilities, body.Visibility))
                return Task.FromResult(new FieldErrors().Add("visibility",
                    $"'{body.Visibility}' is not a visibility; choose public (anyone), network (signed-in members) or private (the holder and curators).").ToResult());
            return StepAsync(id, viewers.Current(http), db, clock, "submitted", "published", "published", body.Visibility, null, ct);
        }).RequireAuthorization(Policies.Curator).WithSummary("Publish a submitted record with a visibility (curators)").Produces<StepJson>().ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/return", (int id, ReturnRequest body, HttpContext http, IViewerAccessor viewers, CatalogueDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var comment = body.Comment?.Trim() ?? "";
            if (comment.Length is 0 or > 4000)
                return Task.FromResult(new FieldErrors().Add("comment", "Say what the holder should change (1–4000 characters).").ToResult());
            return StepAsync(id, viewers.Current(http), db, clock, "submitted", "draft", "returned", null, comment, ct);
        }).RequireAuthorization(Policies.Curator).WithSummary("Return a submitted record to its holder with a comment (curators)").Produces<StepJson>().ProducesProblem(StatusCodes.Status409Conflict);

        return group;
    }

    static async Task<IResult> StepAsync(int id, Viewer viewer, CatalogueDb db, TimeProvider clock,
        string from, string to, string action, string? visibility, string? comment, CancellationToken ct)
    {
        // A record the viewer may not see is a 404, so its existence does not leak.
        var dataset = await db.Datasets.VisibleTo(viewer).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (dataset is null)
            return TypedResults.Problem($"There is no dataset {id} that you can see.", statusCode: StatusCodes.Status404NotFound);
        if (!DatasetPermissions.CanEdit(viewer, dataset))
            return TypedResults.Problem($"Dataset {id} is held by another organisation; only its members and curators may change it.",
                statusCode: StatusCodes.Status403Forbidden);
        if (dataset.CurationState != from)
            return TypedResults.Problem($"Dataset {id} is {dataset.CurationState}; only a {from} record can be {action}.",
                statusCode: StatusCodes.Status409Conflict);

        var changes = new List<object> { new { field = "curation_state", old = from, @new = to } };
        if (visibility is not null && visibility != dataset.Visibility)
        {
            changes.Add(new { field = "visibility", old = dataset.Visibility, @new = visibility });
            dataset.Visibility = visibility;
        }
        var now = clock.GetUtcNow();
        dataset.CurationState = to;
        dataset.UpdatedAt = now;
        dataset.UpdatedBy = viewer.Name;
        db.DatasetChanges.Add(new DatasetChange
        {
            DatasetId = id, ChangedAt = now, ChangedBy = viewer.Name, Action = action,
            Changes = JsonSerializer.Serialize(changes), Comment = comment,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem($"Dataset {id} changed while you were acting on it; reload it and try again.", statusCode: StatusCodes.Status409Conflict);
        }
        return TypedResults.Ok(new StepJson(id, dataset.CurationState, dataset.Visibility, dataset.UpdatedAt, dataset.UpdatedBy));
    }
}
