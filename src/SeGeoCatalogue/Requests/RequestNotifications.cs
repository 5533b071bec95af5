using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SeGeoCatalogue.Data;

namespace SeGeoCatalogue.Requests;

/// <summary>
/// Adds the outbox rows that tell the other side about a step, to the same DbContext (so they are saved in the
/// step's transaction): steps of the requester go to the holder's active members (the curators when the holder has
/// none); steps of the holder's side go to the requester.
/// </summary>
public sealed class RequestNotifications(CatalogueDb db, IOptions<MailOptions> mail, TimeProvider clock)
{
    public async Task AddAsync(DataRequest request, DataRequestStep step, string datasetTitle, bool byRequester, CancellationToken ct)
    {
        var recipients = byRequester ? await HolderSideAsync(request.HolderId, ct) : [(request.RequesterId, request.RequesterEmail)];
        var subject = Subject(request, step, datasetTitle);
        var body = Body(request, step, datasetTitle);
        var now = clock.GetUtcNow();
        foreach (var (userId, email) in recipients.Where(r => r.Email is { Length: > 0 }).DistinctBy(r => r.UserId))
        {
            db.MailOutbox.Add(new OutboxMessage
            {
                CreatedAt = now, NextAttemptAt = now, RequestId = request.Id,
                RecipientUserId = userId, RecipientEmail = email!, Subject = subject, Body = body,
            });
        }
    }

    async Task<List<(string UserId, string? Email)>> HolderSideAsync(int holderId, CancellationToken ct)
    {
        var members = await db.Users.AsNoTracking().Where(u => u.OrganisationId == holderId && u.Active)
            .OrderBy(u => u.Email).Select(u => new { u.Id, u.Email }).ToListAsync(ct);
        if (members.Count == 0)
        {
            members = await (from u in db.Users.AsNoTracking()
                             join r in db.UserRoles on u.Id equals r.UserId
                             where r.RoleId == Accounts.Roles.Curator && u.Active
                             select new { u.Id, u.Email }).ToListAsync(ct);
        }
        return members.Select(m => (m.Id, m.Email)).ToList();
    }

    static string Subject(DataRequest request, DataRequestStep step, string title) => step.Action switch
    {
        "created" => $"Data request #{request.Id}: {request.Organisation} asks for “{title}”",
        _ => $"Data request #{request.Id} {step.Action}: “{title}”",
    };

    string Body(DataRequest request, DataRequestStep step, string title)
    {
        var lines = new List<string>
        {
            $"{step.By} {Verb(step.Action)} the request #{request.Id} for the data of “{title}”.",
            "",
        };
        if (step.Action == "created")
        {
            lines.Add($"Organisation: {request.Organisation}");
            lines.Add($"Contact: {request.Contact}");
            lines.Add($"Purpose: {request.Purpose}");
            if (request.UnitsNeeded is not null) lines.Add($"Areas needed: {request.UnitsNeeded}");
            if (request.PeriodNeeded is not null) lines.Add($"Period needed: {request.PeriodNeeded}");
        }
        if (step.Message is not null) lines.Add($"Message: {step.Message}");
        if (step.Link is not null) lines.Add($"How the data is shared: {step.Link}");
        lines.Add("");
        var site = mail.Value.SiteUrl?.TrimEnd('/');
        lines.Add($"The request and its history: {site}/requests.html?id={request.Id}");
        return string.Join("\n", lines);
    }

    static string Verb(string action) => action switch
    {
        "created" => "made",
        _ => action,
    };
}
