using SeGeoCatalogue.Exports;

namespace SeGeoCatalogue.Dcat;

/// <summary>
/// The downloads of one record that harvesters list (DCAT distributions, CKAN resources, schema.org DataDownloads):
/// the record with its geometry in each export format (the export filtered to its id), its OGC feature and its coverage.
/// </summary>
public static class RecordDownloads
{
    public sealed record Download(string Title, string Url, string MediaType, string Format);

    public static IReadOnlyList<Download> For(int id, string root) =>
    [
        .. ExportFormat.All.Select(f => new Download(
            $"The record with its geometry ({Name(f)})", $"{root}/api/datasets/export?f={f.Code}&id={id}", MediaType(f), Name(f))),
        new("The record as an OGC API feature (GeoJSON)", $"{root}/ogc/collections/datasets/items/{id}", "application/geo+json", "GeoJSON"),
        new("The area covered: the linked units and footprint (GeoJSON)", $"{root}/api/datasets/{id}/area", "application/geo+json", "GeoJSON"),
    ];

    /// <summary>The IANA media type without parameters.</summary>
    static string MediaType(ExportFormat format) => format.ContentType.Split(';')[0].Trim();

    static string Name(ExportFormat format) => format.Code switch
    {
        "geojson" => "GeoJSON",
        "csv" => "CSV",
        "gpkg" => "GeoPackage",
        "shp" => "Shapefile (zip)",
        _ => format.Code.ToUpperInvariant(),
    };
}
