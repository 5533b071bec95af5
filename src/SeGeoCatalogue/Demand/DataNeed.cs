namespace SeGeoCatalogue.Demand;

/// <summary>
/// "We need this data here": a member's mark on one or more units for a sector (and optionally an indicator), with
/// a note. The coverage map and gaps report it per unit; a record of that sector in those units answers it.
/// </summary>
public sealed class DataNeed
{
    public int Id { get; set; }
    /// <summary>The organisation of the member who asked (curators may have none).</summary>
    public int? OrganisationId { get; set; }
    public required string CreatedById { get; set; }
    public required string CreatedBy { get; set; }
    public required string Sector { get; set; }
    public string? Indicator { get; set; }
    public required string Note { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
}

/// <summary>A unit a need was marked on.</summary>
public sealed class DataNeedUnit
{
    public int NeedId { get; set; }
    public required string Pcode { get; set; }
}
