using Microsoft.EntityFrameworkCore;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Data;

namespace SeGeoCatalogue.Requests;

/// <summary>Which side may take a step.</summary>
public enum StepSide { Holder, Requester, Either }

/// <summary>A step of the life cycle: its history action, the states it starts from, the state it leads to, who takes it.</summary>
public sealed record StepRule(string Action, IReadOnlyList<string> From, string To, StepSide Side);

/// <summary>
/// Takes a step on a request: checks who may and from which state, then saves the new state, its history row and
/// the notifications of the other side in one transaction (one SaveChanges).
/// </summary>
public sealed class RequestSteps(CatalogueDb db, RequestNotifications notifications, TimeProvider clock)
{
    public static readonly StepRule Grant = new("granted", [RequestStates.Open], RequestStates.Granted, StepSide.Holder);
    public static readonly StepRule Decline = new("declined", [RequestStates.Open], RequestStates.Declined, StepSide.Holder);
    public static readonly StepRule Close = new("closed", [RequestStates.Granted, RequestStates.Declined], RequestStates.Closed, StepSide.Either);
    public static readonly StepRule Withdraw = new("withdrawn", [RequestStates.Open], RequestStates.Withdrawn, StepSide.Requester);

    public static IResult NotFound(int id) =>
        TypedResults.Problem($"There is no request {id} that you can see.", statusCode: StatusCodes.Status404NotFound);

    public async Task<IResult> TakeAsync(HttpContext http, Viewer viewer, int id, StepRule rule, string? message, string? link, CancellationToken ct)
    {
        var request = await db.DataRequests.VisibleTo(viewer).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null) return NotFound(id);
        var isRequester = RequestAccess.IsRequester(viewer, request);
        var holderSide = RequestAccess.CanAnswer(viewer, request) && !isRequester;
        var allowed = rule.Side switch
        {
            StepSide.Holder => holderSide,
            StepSide.Requester => isRequester,
            _ => holderSide || isRequester,
        };
        if (!allowed)
            return TypedResults.Problem(rule.Side == StepSide.Requester
                    ? $"Only the person who made request {id} can withdraw it."
                    : $"Only members of the organisation that holds the data, and curators, can answer request {id}.",
                statusCode: StatusCodes.Status403Forbidden);
        if (!rule.From.Contains(request.State))
            return TypedResults.Problem($"Request {id} is {request.State}; only a request that is {string.Join(" or ", rule.From)} can be {rule.Action}.",
                statusCode: StatusCodes.Status409Conflict);

        var now = clock.GetUtcNow();
        var step = new DataRequestStep
        {
            RequestId = id, At = now, By = viewer.Name, Action = rule.Action, FromState = request.State, ToState = rule.To,
            Message = message, Link = link,
        };
        if (rule.Side == StepSide.Holder)
        {
            request.AnswerMessage = message;
            request.ShareLink = link;
            request.AnsweredAt ??= now;
        }
        request.State = rule.To;
        request.UpdatedAt = now;
        db.DataRequestSteps.Add(step);
        var title = await db.Datasets.Where(d => d.Id == request.DatasetId).Select(d => d.Title).SingleAsync(ct);
        await notifications.AddAsync(request, step, title, byRequester: isRequester, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem($"Request {id} changed while you were acting on it; reload it and try again.", statusCode: StatusCodes.Status409Conflict);
        }
        http.Features.Get<AuditNote>()?.Detail.Add("request_id", id);
        var json = await RequestJson.Select(db, db.DataRequests.AsNoTracking().Where(r => r.Id == id)).SingleAsync(ct);
        return TypedResults.Ok(json with { Steps = await RequestJson.StepsAsync(db, id, ct) });
    }
}
