namespace SeGeoCatalogue.Footprints;

/// <summary>Turns an uploaded footprint file into one MultiPolygon in EPSG:4326 (lon/lat), or problems a person can act on.</summary>
public static class FootprintFileReader
{
    public const string SupportedFormats = "GeoJSON (.geojson or .json), a zipped Shapefile (.zip with .shp, .shx, .dbf and .prj) or a GeoPackage (.gpkg)";

    /// <summary>Reads <paramref name="content"/>; the extension of <paramref name="fileName"/> decides the format. Never touches a database.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> fired (the client left or the time budget ran out).</exception>
    public static FootprintReadResult Read(string fileName, Stream content, FootprintLimits? limits = null, CancellationToken ct = default)
    {
        limits ??= FootprintLimits.Default;
        return Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".geojson" or ".json" => GeoJsonFootprint.Read(content, limits),
            ".zip" => ShapefileFootprint.Read(content, limits, ct),
            ".gpkg" => GeoPackageFootprint.Read(content, limits, ct),
            ".shp" or ".shx" or ".dbf" or ".prj" => FootprintReadResult.Fail(FootprintProblem.File(
                $"\"{fileName}\" is one part of a Shapefile; zip the .shp, .shx, .dbf and .prj together and upload the .zip.")),
            var extension => FootprintReadResult.Fail(FootprintProblem.File(
                $"\"{fileName}\" is not a supported format{(extension.Length > 0 ? $" ({extension})" : "")}. Upload {SupportedFormats}.")),
        };
    }
}
