using NetTopologySuite.Geometries;

namespace SeGeoCatalogue.Datasets;

/// <summary>A catalogue record: a dataset that exists somewhere, who holds it, what and where it covers.</summary>
public sealed class Dataset
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public string? Summary { get; set; }
    public int HolderId { get; set; }
    public Organisation? Holder { get; set; }
    public string? Contact { get; set; }
    public string? Source { get; set; }
    /// <summary>An SPDX licence id or the licence's web address (<see cref="Licences"/>); optional.</summary>
    public string? License { get; set; }
    /// <summary>Codes from <see cref="Vocabularies.Sectors"/>; at least one.</summary>
    public List<string> Sectors { get; set; } = [];
    public List<string> Indicators { get; set; } = [];
    /// <summary>Code from <see cref="Vocabularies.Levels"/>.</summary>
    public string? DisaggregationLevel { get; set; }
    public List<string> Methods { get; set; } = [];
    /// <summary>Code from <see cref="Vocabularies.SpatialCompleteness"/>: whether every place in the linked areas is covered.</summary>
    public string SpatialCompleteness { get; set; } = "sample";
    public DateOnly? PeriodStart { get; set; }
    public DateOnly? PeriodEnd { get; set; }
    public DateOnly? CollectedOn { get; set; }
    public string? UpdateFrequency { get; set; }
    public required string Availability { get; set; }
    public List<string> Formats { get; set; } = [];
    /// <summary>JSON array of { "url", "title" }.</summary>
    public string Links { get; set; } = "[]";
    public string? AssessmentStatus { get; set; }
    public string CurationState { get; set; } = "draft";
    public string Visibility { get; set; } = DefaultVisibility;
    /// <summary>A new record's visibility until a curator publishes it with another.</summary>
    public const string DefaultVisibility = "network";
    /// <summary>Drawn or uploaded footprint, EPSG:4326.</summary>
    public MultiPolygon? Footprint { get; set; }
    /// <summary>When true only the holder and curators see the footprint and village-tract links.</summary>
    public bool FootprintSensitive { get; set; }
    /// <summary>
    /// The geometry the record is served with: its footprint as stored, else the union of its units' display geometries.
    /// Derived, never written by the app: triggers in Data/Sql/60-dataset-geometry.sql keep it on every write and boundary change.
    /// </summary>
    public MultiPolygon? Geometry { get; set; }
    /// <summary>For a sensitive record only: what viewers without its detail get (its units as townships or coarser). Derived like <see cref="Geometry"/>.</summary>
    public MultiPolygon? GeometryCoarse { get; set; }
    /// <summary>Share of a unit a footprint must cover to link it (0–1).</summary>
    public double FootprintThreshold { get; set; } = 0.05;
    public bool IsDemo { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    /// <summary>
    /// The ETag of optimistic concurrency: row_version, which a trigger raises on every UPDATE that changes the row.
    /// Stored with the row (unlike xmin), so it survives a dump and restore.
    /// </summary>
    public long Version { get; set; }
}

public sealed class Organisation
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Acronym { get; set; }
    /// <summary>Code from <see cref="Vocabularies.OrganisationTypes"/>.</summary>
    public required string Type { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A unit the member linked, as picked or as computed from the footprint: kept for display.</summary>
public sealed class DatasetLink
{
    public int DatasetId { get; set; }
    public required string Pcode { get; set; }
    /// <summary>"picked" or "footprint".</summary>
    public required string Origin { get; set; }
    /// <summary>Share of the unit's area the footprint covers; null for picked units.</summary>
    public double? Share { get; set; }
    public int EditionId { get; set; }
    /// <summary>A picked unit that a newer boundary edition retired: the holder or a curator should pick again.</summary>
    public bool NeedsReview { get; set; }
    /// <summary>For a retired pick: the current units its area now lies in (at least 5% of it each).</summary>
    public List<string>? Successors { get; set; }
}

/// <summary>
/// The links coverage counts read, normalised on write (see <see cref="DatasetUnits"/>): no dataset
/// has a row for a unit and one of its ancestors, so counts add up along the pcode hierarchy.
/// </summary>
public sealed class DatasetUnit
{
    public int DatasetId { get; set; }
    public required string Pcode { get; set; }
    /// <summary>Admin level of the unit (1 state … 5 ward).</summary>
    public short Level { get; set; }
    /// <summary>Finest resolution of the data collected in this unit: the disaggregation rank, else the unit level.</summary>
    public short Resolution { get; set; }
    /// <summary>
    /// What the record tells about the units beneath this one: the resolution when it enumerates every place
    /// (complete), else only this unit's level (a sample says nothing about each unit inside).
    /// </summary>
    public short DownResolution { get; set; }
}

/// <summary>
/// A link that <see cref="DatasetUnits"/> replaced by its children because the record also links units inside it:
/// the rows beneath carry the counts; this keeps what the record tells about the unit itself (its class on the map).
/// </summary>
public sealed class DatasetSplitUnit
{
    public int DatasetId { get; set; }
    public required string Pcode { get; set; }
    public short Level { get; set; }
    public short Resolution { get; set; }
}

/// <summary>One step in a record's history: who, when, what, old and new values.</summary>
public sealed class DatasetChange
{
    public long Id { get; set; }
    public int DatasetId { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public required string ChangedBy { get; set; }
    /// <summary>created, updated, submitted, published, returned, deleted.</summary>
    public required string Action { get; set; }
    /// <summary>JSON array of { "field", "old", "new" }.</summary>
    public string Changes { get; set; } = "[]";
    public string? Comment { get; set; }
}
