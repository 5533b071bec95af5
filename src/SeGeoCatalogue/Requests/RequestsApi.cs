using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SeGeoCatalogue.ApiDocs;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Accounts;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Requests;

/// <summary>
/// Requests for the data of a record: create, the holder's inbox, my requests, one request with its steps, the
/// steps (answer, close, withdraw), my notifications and the curators' summary. Signed-in people only.
/// </summary>
public static class RequestsApi
{
    static readonly PageBounds RequestPage = new(50, 200);

    public static RouteGroupBuilder MapRequests(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/requests").WithTags("Requests").RequireAuthorization(Policies.Member);

        group.MapPost("/", CreateAsync).WithSummary("Ask a record's holder for its data").Produces<RequestJson>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/inbox", (string? state, [FromQuery(Name = "dataset_id")] int? datasetId, int? limit, int? offset, HttpContext http, IViewerAccessor viewers, CatalogueDb db, CancellationToken ct) =>
        {
            var viewer = viewers.Current(http);
            var org = viewer.OrganisationId ?? -1;
            var inbox = viewer.IsCurator ? db.DataRequests.AsNoTracking() : db.DataRequests.AsNoTracking().Where(r => r.HolderId == org);
            return ListAsync(inbox, state, datasetId, limit, offset, db, ct);
        }).WithSummary("Requests to your organisation (curators: all)").Produces<ListPage<RequestJson>>().WithMetadata(RequestPage);
        group.MapGet("/mine", (string? state, [FromQuery(Name = "dataset_id")] int? datasetId, int? limit, int? offset, HttpContext http, IViewerAccessor viewers, CatalogueDb db, CancellationToken ct) =>
        {
            var viewer = viewers.Current(http);
            return ListAsync(db.DataRequests.AsNoTracking().Where(r => r.RequesterId == viewer.UserId), state, datasetId, limit, offset, db, ct);
        }).WithSummary("Requests you made").Produces<ListPage<RequestJson>>().WithMetadata(RequestPage);
        group.MapGet("/{id:int}", GetAsync).WithSummary("One request with its steps").Produces<RequestJson>();
        group.MapPost("/{id:int}/answer", AnswerAsync).WithSummary("Grant or decline a request (the holder's members)").Produces<RequestJson>().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:int}/close", (int id, StepBody? body, HttpContext http, IViewerAccessor viewers, RequestSteps steps, CancellationToken ct) =>
        {
            body ??= new StepBody(null);
            if (body.Validate() is { Any: true } errors) return Task.FromResult(errors.ToResult());
            return steps.TakeAsync(http, viewers.Current(http), id, RequestSteps.Close, Text.Trimmed(body.Message), null, ct);
        }).WithSummary("Close a granted request (the requester)").Produces<RequestJson>().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:int}/withdraw", (int id, StepBody? body, HttpContext http, IViewerAccessor viewers, RequestSteps steps, CancellationToken ct) =>
        {
            body ??= new StepBody(null);
            if (body.Validate() is { Any: true } errors) return Task.FromResult(errors.ToResult());
            return steps.TakeAsync(http, viewers.Current(http), id, RequestSteps.Withdraw, Text.Trimmed(body.Message), null, ct);
        }).WithSummary("Withdraw an open request (the requester)").Produces<RequestJson>().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/notifications", NotificationsAsync).WithSummary("Your notifications, newest first").Produces<ListPage<NotificationJson>>().WithMetadata(RequestPage);
        group.MapGet("/summary", RequestSummary.GetAsync).RequireAuthorization(Policies.Curator).WithSummary("Requests counted per state, record and organisation (curators)").Produces<RequestSummary.SummaryJson>().AlsoAsCsv();
        return group;
    }

    static async Task<IResult> CreateAsync(CreateRequestBody body, HttpContext http, IViewerAccessor viewers, CatalogueDb db,
        RequestNotifications notifications, RequestCreationLimit limit, TimeProvider clock, CancellationToken ct)
    {
        var viewer = viewers.Current(http);
        if (body.Validate() is { Any: true } errors) return errors.ToResult();

        var dataset = await db.Datasets.AsNoTracking().VisibleTo(viewer).Where(d => d.Id == body.DatasetId)
            .Select(d => new { d.Id, d.Title, d.Availability, d.HolderId, d.Contact, Holder = d.Holder!.Name }).FirstOrDefaultAsync(ct);
        if (dataset is null)
            return TypedResults.Problem($"dataset_id: there is no dataset {body.DatasetId} that you can see.", statusCode: StatusCodes.Status404NotFound);
        var whom = dataset.Contact is { Length: > 0 } c ? $"{dataset.Holder} ({c})" : dataset.Holder;
        if (dataset.Availability == "not-available")
            return TypedResults.Problem($"dataset_id: the data of “{dataset.Title}” is not available for sharing, so it cannot be requested here. " +
                $"Talk to {whom} about what they can share instead.", statusCode: StatusCodes.Status409Conflict);
        if (!RequestStates.RequestableAvailability.Contains(dataset.Availability))
            return TypedResults.Problem($"dataset_id: the data of “{dataset.Title}” is public; use the links on the record, or ask {whom}.",
                statusCode: StatusCodes.Status409Conflict);
        if (viewer.OrganisationId == dataset.HolderId)
            return TypedResults.Problem($"dataset_id: your organisation holds “{dataset.Title}”; ask your colleagues directly.",
                statusCode: StatusCodes.Status409Conflict);
        if (await db.DataRequests.AnyAsync(r => r.DatasetId == dataset.Id && r.RequesterId == viewer.UserId && r.State == RequestStates.Open, ct))
            return TypedResults.Problem($"dataset_id: you have an open request for “{dataset.Title}” already; see My requests.",
                statusCode: StatusCodes.Status409Conflict);
        // Counted last, so refused attempts (a typo, a record that cannot be requested) do not use up the allowance.
        if (limit.Refuse(viewer.UserId!) is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem($"You made {limit.PerHour} requests within the hour, the most one account may; try again later.",
                statusCode: StatusCodes.Status429TooManyRequests);
        }

        var now = clock.GetUtcNow();
        var request = new DataRequest
        {
            DatasetId = dataset.Id, HolderId = dataset.HolderId, RequesterId = viewer.UserId!, RequesterEmail = viewer.Email ?? viewer.Name,
            RequesterOrganisationId = viewer.OrganisationId, Organisation = body.Organisation!.Trim(), Contact = body.Contact!.Trim(),
            Purpose = body.Purpose!.Trim(), UnitsNeeded = Text.Trimmed(body.UnitsNeeded), PeriodNeeded = Text.Trimmed(body.PeriodNeeded),
            CreatedAt = now, UpdatedAt = now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.DataRequests.Add(request);
        await db.SaveChangesAsync(ct);
        var step = new DataRequestStep { RequestId = request.Id, At = now, By = viewer.Name, Action = "created", ToState = RequestStates.Open };
        db.DataRequestSteps.Add(step);
        await notifications.AddAsync(request, step, dataset.Title, byRequester: true, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        http.Features.Get<AuditNote>()?.Detail.Add("request_id", request.Id);

        var json = await RequestJson.Select(db, db.DataRequests.AsNoTracking().Where(r => r.Id == request.Id)).SingleAsync(ct);
        return TypedResults.Created($"/api/requests/{request.Id}", json with { Steps = await RequestJson.StepsAsync(db, request.Id, ct) });
    }

    static async Task<IResult> GetAsync(int id, HttpContext http, IViewerAccessor viewers, CatalogueDb db, CancellationToken ct)
    {
        var json = await RequestJson.Select(db, db.DataRequests.AsNoTracking().VisibleTo(viewers.Current(http)).Where(r => r.Id == id)).FirstOrDefaultAsync(ct);
        return json is null
            ? RequestSteps.NotFound(id)
            : TypedResults.Ok(json with { Steps = await RequestJson.StepsAsync(db, id, ct) });
    }

    static Task<IResult> AnswerAsync(int id, AnswerBody body, HttpContext http, IViewerAccessor viewers, RequestSteps steps, CancellationToken ct)
    {
        if (body.Validate() is { Any: true } errors) return Task.FromResult(errors.ToResult());
        var step = body.Decision == "grant" ? RequestSteps.Grant : RequestSteps.Decline;
        return steps.TakeAsync(http, viewers.Current(http), id, step, Text.Trimmed(body.Message), Text.Trimmed(body.Link), ct);
    }

    static async Task<IResult> ListAsync(IQueryable<DataRequest> requests, string? state, int? datasetId, int? limit, int? offset, CatalogueDb db, CancellationToken ct)
    {
        if (state is not null && state != "answered" && !RequestStates.All.Contains(state))
            return new FieldErrors().Add("state", $"'{state}' is not a state; use {string.Join(", ", RequestStates.All)} or answered.").ToResult();
        if (state == "answered") requests = requests.Where(r => r.State == RequestStates.Granted || r.State == RequestStates.Declined);
        else if (state is not null) requests = requests.Where(r => r.State == state);
        if (datasetId is not null) requests = requests.Where(r => r.DatasetId == datasetId);
        var page = Paging.From(limit, offset, RequestPage);
        var items = await RequestJson.Select(db, requests).Skip(page.Offset).Take(page.Limit).ToListAsync(ct);
        return TypedResults.Ok(new ListPage<RequestJson>(await requests.LongCountAsync(ct), page.Limit, page.Offset, items));
    }

    static async Task<IResult> NotificationsAsync(int? limit, int? offset, HttpContext http, IViewerAccessor viewers, CatalogueDb db, CancellationToken ct)
    {
        var viewer = viewers.Current(http);
        var page = Paging.From(limit, offset, RequestPage);
        var mine = db.MailOutbox.AsNoTracking().Where(m => m.RecipientUserId == viewer.UserId);
        var items = await mine.OrderByDescending(m => m.Id).Skip(page.Offset).Take(page.Limit)
            .Select(m => new NotificationJson(m.Id, m.CreatedAt, m.RequestId, m.Subject, m.Body,
                m.SentAt != null ? "sent" : m.FailedAt != null ? "failed" : "pending", m.SentAt))
            .ToListAsync(ct);
        return TypedResults.Ok(new ListPage<NotificationJson>(await mine.LongCountAsync(ct), page.Limit, page.Offset, items));
    }
}
