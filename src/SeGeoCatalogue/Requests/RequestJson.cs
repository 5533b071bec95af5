using Microsoft.EntityFrameworkCore;
using SeGeoCatalogue.Data;

namespace SeGeoCatalogue.Requests;

public sealed record RequestDatasetJson(int Id, string Title, string Availability);
public sealed record RequestHolderJson(int Id, string Name);
public sealed record RequestStepJson(DateTimeOffset At, string By, string Action, string? FromState, string ToState, string? Message, string? Link);

/// <summary>A request as both sides read it; <see cref="Steps"/> only on GET /api/requests/{id}.</summary>
public sealed record RequestJson(
    int Id, RequestDatasetJson Dataset, RequestHolderJson Holder, string RequesterEmail, int? RequesterOrganisationId,
    string Organisation, string Contact, string Purpose, string? UnitsNeeded, string? PeriodNeeded, string State,
    string? AnswerMessage, string? ShareLink, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? AnsweredAt)
{
    public IReadOnlyList<RequestStepJson>? Steps { get; init; }

    /// <summary>The requests of <paramref name="requests"/> with their record and holder, newest first.</summary>
    public static IQueryable<RequestJson> Select(CatalogueDb db, IQueryable<DataRequest> requests) =>
        from r in requests
        join d in db.Datasets on r.DatasetId equals d.Id
        join o in db.Organisations on r.HolderId equals o.Id
        orderby r.CreatedAt descending, r.Id descending
        select new RequestJson(r.Id, new RequestDatasetJson(d.Id, d.Title, d.Availability), new RequestHolderJson(o.Id, o.Name),
            r.RequesterEmail, r.RequesterOrganisationId, r.Organisation, r.Contact, r.Purpose, r.UnitsNeeded, r.PeriodNeeded,
            r.State, r.AnswerMessage, r.ShareLink, r.CreatedAt, r.UpdatedAt, r.AnsweredAt);

    public static async Task<List<RequestStepJson>> StepsAsync(CatalogueDb db, int requestId, CancellationToken ct) =>
        await db.DataRequestSteps.AsNoTracking().Where(s => s.RequestId == requestId).OrderBy(s => s.At).ThenBy(s => s.Id)
            .Select(s => new RequestStepJson(s.At, s.By, s.Action, s.FromState, s.ToState, s.Message, s.Link)).ToListAsync(ct);
}

/// <summary>A notification as its recipient reads it in the web app: pending, sent or failed as mail.</summary>
public sealed record NotificationJson(long Id, DateTimeOffset CreatedAt, int? RequestId, string Subject, string Body, string Delivery, DateTimeOffset? SentAt);
