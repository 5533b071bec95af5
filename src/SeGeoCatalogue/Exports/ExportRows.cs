using NetTopologySuite.Geometries;
using Npgsql;

namespace SeGeoCatalogue.Exports;

/// <summary>Reads the rows of an <see cref="ExportLayer"/> query one at a time: the flat columns, then the geometry.</summary>
public static class ExportRows
{
    public static string Columns(ExportLayer layer, string geometry) =>
        string.Join(", ", layer.Fields.Select(f => f.FlatSql).Append(geometry));

    public static object? Value(NpgsqlDataReader row, int i) => row.IsDBNull(i) ? null : row.GetValue(i) switch
    {
        short s => (long)s,
        int n => (long)n,
        float f => (double)f,
        decimal m => (double)m,
        var v => v,
    };

    public static Geometry? Geometry(NpgsqlDataReader row, ExportLayer layer) =>
        row.IsDBNull(layer.Fields.Count) ? null : row.GetFieldValue<Geometry>(layer.Fields.Count);

    /// <summary>WGS 84 as the EPSG OGC WKT that GeoPackage readers expect.</summary>
    public const string Wgs84OgcWkt =
        "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]]," +
        "PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4326\"]]";

    /// <summary>WGS 84 in the ESRI dialect of WKT that ArcGIS and QGIS read from a .prj.</summary>
    public const string Wgs84EsriWkt =
        "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";
}
