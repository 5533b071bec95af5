using System.Text;
using System.Text.RegularExpressions;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Exports;

/// <summary>A download format: the f= code, the file extension and the media type.</summary>
public sealed record ExportFormat(string Code, string Extension, string ContentType)
{
    public static readonly ExportFormat GeoJson = new("geojson", "geojson", "application/geo+json");
    public static readonly ExportFormat Csv = new("csv", "csv", "text/csv; charset=utf-8");
    public static readonly ExportFormat GeoPackage = new("gpkg", "gpkg", "application/geopackage+sqlite3");
    public static readonly ExportFormat Shapefile = new("shp", "zip", "application/zip");
    /// <summary>The inventory workbook's columns (<see cref="Inventory.InventoryColumns"/>), for records only: edit and upload again.</summary>
    public static readonly ExportFormat Xlsx = new("xlsx", "xlsx", Inventory.InventoryApi.XlsxType);
    public static readonly IReadOnlyList<ExportFormat> All = [GeoJson, Csv, GeoPackage, Shapefile];
    public static readonly IReadOnlyList<ExportFormat> Records = [.. All, Xlsx];

    /// <summary>The f parameter for the OpenAPI document: the codes Parse accepts.</summary>
    public static ApiDocs.QueryParameter Parameter(IReadOnlyList<ExportFormat> allowed) =>
        new("f", "The file format (GeoJSON when left out).", () => ApiDocs.Schemas.OneOf(allowed.Select(f => f.Code), GeoJson.Code));

    public static ExportFormat Parse(string? code, FieldErrors errors, IReadOnlyList<ExportFormat>? allowed = null)
    {
        allowed ??= All;
        var text = string.IsNullOrWhiteSpace(code) ? "geojson" : code.Trim().ToLowerInvariant();
        var format = allowed.FirstOrDefault(f => f.Code == text);
        if (format is null) errors.Add("f", $"'{code}' is not a download format here; use one of {string.Join(", ", allowed.Select(f => f.Code))}.");
        return format ?? GeoJson;
    }
}

/// <summary>Download file names that say what was asked for and when: segeo-datasets-sector-wash-2026-11-24.gpkg.</summary>
public static partial class ExportFileName
{
    public static string For(string what, IQueryCollection query, ExportFormat format, TimeProvider clock)
    {
        var filters = new StringBuilder();
        foreach (var (key, values) in query.Where(q => q.Key is not ("f" or "limit" or "offset" or "hxl")).OrderBy(q => q.Key, StringComparer.Ordinal))
            foreach (var value in values.Where(v => !string.IsNullOrWhiteSpace(v)))
                filters.Append('-').Append(key).Append('-').Append(value);
        var slug = Unsafe().Replace(filters.ToString().ToLowerInvariant(), "-").Trim('-');
        if (slug.Length > 80) slug = slug[..80].TrimEnd('-');
        return $"segeo-{what}-{(slug.Length > 0 ? slug : "all")}-{MyanmarTime.DateStamp(clock)}.{format.Extension}";
    }

    [GeneratedRegex("[^a-z0-9.]+")]
    private static partial Regex Unsafe();
}
