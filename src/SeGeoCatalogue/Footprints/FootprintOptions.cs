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
}
