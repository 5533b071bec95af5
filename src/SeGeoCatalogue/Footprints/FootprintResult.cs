using NetTopologySuite.Geometries;

namespace SeGeoCatalogue.Footprints;

/// <summary>Caps on what one uploaded footprint file may cost to read; temporary copies go to <paramref name="TempDirectory"/>.</summary>
public sealed record FootprintLimits(int MaxVertices = 50_000, long MaxUncompressedBytes = 200L * 1024 * 1024,
    int MaxRows = 100_000, int MaxLayers = 100, string? TempDirectory = null)
{
    public static FootprintLimits Default { get; } = new();
}

public enum FootprintProblemKind
{
    /// <summary>The file cannot be used as it is (answer 400).</summary>
    Invalid,
    /// <summary>The file is over a size or vertex limit (answer 413).</summary>
    TooLarge,
}

/// <summary>One thing wrong with an uploaded file. Field is "file" (the upload itself) or "footprint" (its geometry).</summary>
public sealed record FootprintProblem(string Field, string Message, FootprintProblemKind Kind = FootprintProblemKind.Invalid)
{
    internal static FootprintProblem File(string message) => new("file", message);
    internal static FootprintProblem Footprint(string message) => new("footprint", message);
    internal static FootprintProblem TooLarge(string field, string message) => new(field, message, FootprintProblemKind.TooLarge);
}

/// <summary>
/// What was read: a MultiPolygon in EPSG:4326 (lon/lat) when there are no problems, otherwise null.
/// SourceCrs names the coordinate system the file was in; SourceLayer the layer read from a zip or GeoPackage.
/// </summary>
public sealed record FootprintReadResult(
    MultiPolygon? Geometry,
    IReadOnlyList<FootprintProblem> Problems,
    string? SourceCrs,
    string? SourceLayer = null)
{
    public bool Ok => Geometry is not null && Problems.Count == 0;
    public bool TooLarge => Problems.Any(p => p.Kind == FootprintProblemKind.TooLarge);

    internal static FootprintReadResult Fail(FootprintProblem problem, string? sourceCrs = null, string? sourceLayer = null) =>
        new(null, [problem], sourceCrs, sourceLayer);

    internal static FootprintReadResult Fail(IReadOnlyList<FootprintProblem> problems, string? sourceCrs = null, string? sourceLayer = null) =>
        new(null, problems, sourceCrs, sourceLayer);
}
