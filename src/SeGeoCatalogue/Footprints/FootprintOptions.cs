namespace SeGeoCatalogue.Footprints;

/// <summary>Limits on drawn and uploaded footprints (configuration section "Footprints").</summary>
public sealed class FootprintOptions
{
    /// <summary>More vertices than this is refused with 413: simplify the outline first.</summary>
    public int MaxVertices { get; set; } = 50_000;
    /// <summary>Largest JSON body accepted by the dataset and footprint endpoints.</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;
    /// <summary>Share of a unit a footprint must cover to link it, unless the request says otherwise.</summary>
    public double DefaultThreshold { get; set; } = 0.05;
    /// <summary>Most features (NULL geometries included) one uploaded layer may have.</summary>
    public int MaxRows { get; set; } = 100_000;
    /// <summary>Most feature layers a GeoPackage may list.</summary>
    public int MaxLayers { get; set; } = 100;
    /// <summary>Time budget for reading one uploaded file; past it the upload is refused with 413.</summary>
    public int ReadSeconds { get; set; } = 10;
    /// <summary>Where uploaded GeoPackages are copied while read (SQLite reads files); the system temp directory by default.</summary>
    public string? TempDirectory { get; set; }

    public FootprintLimits FileLimits => new(MaxVertices, MaxRows: MaxRows, MaxLayers: MaxLayers, TempDirectory: TempDirectory);
}
