namespace SeGeoCatalogue.Requests;

/// <summary>
/// Someone's request for the data behind a record (HDX "By Request"): open → granted / declined → closed,
/// or withdrawn by the requester while open. Every step is a <see cref="DataRequestStep"/>.
/// </summary>
public sealed class DataRequest
{
    public int Id { get; set; }
    public int DatasetId { get; set; }
    /// <summary>The record's holder when the request was made: whose members answer it.</summary>
    public int HolderId { get; set; }
    public required string RequesterId { get; set; }
    public required string RequesterEmail { get; set; }
    /// <summary>The requester's organisation in the catalogue, when they have one.</summary>
    public int? RequesterOrganisationId { get; set; }
    /// <summary>The organisation as the requester names it (may be a project or a partner).</summary>
    public required string Organisation { get; set; }
    public required string Contact { get; set; }
    public required string Purpose { get; set; }
    public string? UnitsNeeded { get; set; }
    public string? PeriodNeeded { get; set; }
    public string State { get; set; } = RequestStates.Open;
    /// <summary>The holder's message with the answer (the reason of a decline, a note with a grant).</summary>
    public string? AnswerMessage { get; set; }
    /// <summary>Where or how a granted data set will be shared.</summary>
    public string? ShareLink { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    /// <summary>PostgreSQL xmin, so two people answering at once cannot both win.</summary>
    public uint Version { get; set; }
}

/// <summary>One step of a request's life, seen by both sides.</summary>
public sealed class DataRequestStep
{
    public long Id { get; set; }
    public int RequestId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string By { get; set; }
    /// <summary>created, granted, declined, closed or withdrawn.</summary>
    public required string Action { get; set; }
    public string? FromState { get; set; }
    public required string ToState { get; set; }
    public string? Message { get; set; }
    public string? Link { get; set; }
}

public static class RequestStates
{
    public const string Open = "open";
    public const string Granted = "granted";
    public const string Declined = "declined";
    public const string Closed = "closed";
    public const string Withdrawn = "withdrawn";
    public static readonly IReadOnlyList<string> All = [Open, Granted, Declined, Closed, Withdrawn];

    /// <summary>The availabilities for which the data can be asked for; the others say why not.</summary>
    public static readonly IReadOnlyList<string> RequestableAvailability = ["on-request", "members"];
}
