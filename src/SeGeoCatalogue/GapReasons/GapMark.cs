namespace SeGeoCatalogue.GapReasons;

/// <summary>
/// Why a unit has no data for a sector: "not-applicable" (e.g. fisheries where there is no coastline) or
/// "inaccessible" (not assessed, for the reason in the comment). Said by a curator or a member of an organisation
/// that holds a record of the sector there, on a date, with a comment. At most one mark is active per unit × sector;
/// a new one withdraws the old, and a withdrawn mark is kept (with who withdrew it) as history.
/// A mark never changes which records exist or are counted: coverage reports it beside the counts.
/// </summary>
public sealed class GapMark
{
    public int Id { get; set; }
    public required string Pcode { get; set; }
    public required string Sector { get; set; }
    public required string Reason { get; set; }
    public required string Comment { get; set; }
    /// <summary>The date the statement holds for (e.g. when access was last tried).</summary>
    public DateOnly ObservedOn { get; set; }
    /// <summary>The organisation of who marked it (a curator may have none).</summary>
    public int? OrganisationId { get; set; }
    /// <summary>"curator" or "member": what the public sees of who marked it, with the organisation.</summary>
    public required string MarkedByRole { get; set; }
    public required string CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawnById { get; set; }
}

public static class GapReasonCodes
{
    public const string NotApplicable = "not-applicable", Inaccessible = "inaccessible";
    public static readonly string[] All = [NotApplicable, Inaccessible];
    public const int MaxComment = 1000;
}
