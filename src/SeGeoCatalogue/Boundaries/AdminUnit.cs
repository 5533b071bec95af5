using NetTopologySuite.Geometries;

namespace SeGeoCatalogue.Boundaries;

/// <summary>A state/region, district, township, village tract (or town / unlisted area) or ward.</summary>
public sealed class AdminUnit
{
    public required string Pcode { get; set; }
    public AdminLevel Level { get; set; }
    /// <summary>For the village-tract layer: village_tract, town or unlisted_area.</summary>
    public string? UnitType { get; set; }
    public string? ParentPcode { get; set; }
    public required string StatePcode { get; set; }
    public string? DistrictPcode { get; set; }
    public string? TownshipPcode { get; set; }
    public string? NameEn { get; set; }
    public string? NameMy { get; set; }
    public required MultiPolygon Geom { get; set; }
    /// <summary>Simplified as one coverage per level, so neighbours still meet.</summary>
    public MultiPolygon? DisplayGeom { get; set; }
    public double AreaKm2 { get; set; }
    /// <summary>Hash of the source feature (or of the child hashes for dissolved units): tells a changed unit.</summary>
    public required string SourceHash { get; set; }
    public int EditionId { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
}

/// <summary>One run of the boundary import that changed something; links record the edition they were made against.</summary>
public sealed class BoundaryEdition
{
    public int Id { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    /// <summary>JSON: per file name, sha256 and counts of added / changed / retired units.</summary>
    public required string Summary { get; set; }
}
