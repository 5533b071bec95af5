using System.Globalization;

namespace SeGeoCatalogue.Shared;

/// <summary>
/// A lon/lat box in EPSG:4326 (CRS84 axis order), as "minLon,minLat,maxLon,maxLat", or with heights as OGC API allows
/// ("minLon,minLat,minZ,maxLon,maxLat,maxZ"; the heights are ignored).
/// </summary>
public readonly record struct BoundingBox(double MinLon, double MinLat, double MaxLon, double MaxLat)
{
    public static bool TryParse(string? text, out BoundingBox box, out string error)
    {
        box = default;
        error = "";
        var parts = (text ?? "").Split(',', StringSplitOptions.TrimEntries);
        var numbers = new double[parts.Length];
        if (parts.Length is not (4 or 6) || !parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i])).All(ok => ok))
        {
            error = "Give bbox as four numbers minLon,minLat,maxLon,maxLat in degrees, e.g. bbox=97.5,16.3,97.8,16.6.";
            return false;
        }
        if (numbers.Length == 6) numbers = [numbers[0], numbers[1], numbers[3], numbers[4]];
        box = new BoundingBox(numbers[0], numbers[1], numbers[2], numbers[3]);
        if (!numbers.All(double.IsFinite))
            error = "bbox values must be finite numbers (not NaN or Infinity), e.g. bbox=97.5,16.3,97.8,16.6.";
        else if (numbers[0] < -180 || numbers[2] > 180 || numbers[1] < -90 || numbers[3] > 90)
            error = "bbox longitudes must lie in -180..180 and latitudes in -90..90 (lon first, then lat).";
        else if (numbers[0] > numbers[2] || numbers[1] > numbers[3])
            error = "bbox must be minLon,minLat,maxLon,maxLat with min ≤ max.";
        return error.Length == 0;
    }
}
