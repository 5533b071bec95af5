namespace SeGeoCatalogue.Inventory;

/// <summary>Limits of an inventory upload (configuration section "Inventory"); the body limit is Footprints:MaxBodyBytes (16 MB).</summary>
public sealed class InventoryOptions
{
    /// <summary>Most records one upload may carry; more is a 413 naming the limit.</summary>
    public int MaxRows { get; set; } = 5_000;
    /// <summary>Most bytes the parts of an uploaded .xlsx may unpack to (zip bombs stop here).</summary>
    public long MaxUnpackedBytes { get; set; } = 64 * 1024 * 1024;
}
