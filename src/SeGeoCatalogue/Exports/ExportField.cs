namespace SeGeoCatalogue.Exports;

public enum ExportType { Text, Integer, Double, Boolean, Date, Timestamp, List, Links }

/// <summary>
/// A column of a download: its JSON/CSV/GeoPackage name, a Shapefile name of at most 10 characters, and the SQL
/// that reads it. Tabular formats read <see cref="FlatSql"/>: text, a number or a boolean. <see cref="Hxl"/> is its
/// HXL hashtag (https://hxlstandard.org), the row CSV downloads add after the header with hxl=1.
/// </summary>
public sealed record ExportField(string Name, string ShortName, string Sql, ExportType Type = ExportType.Text, string? Hxl = null)
{
    /// <summary>Lists joined with "; ", dates as ISO 8601 text, links as their URLs.</summary>
    public string FlatSql => Type switch
    {
        ExportType.List => $"array_to_string({Sql}, '; ')",
        ExportType.Date => $"to_char({Sql}, 'YYYY-MM-DD')",
        ExportType.Timestamp => $"to_char({Sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
        ExportType.Links => $"(SELECT string_agg(l->>'url', '; ') FROM jsonb_array_elements({Sql}) l)",
        _ => Sql,
    };

    /// <summary>What a reader gets back: long, double, bool or string.</summary>
    public ExportType FlatType => Type is ExportType.Integer or ExportType.Double or ExportType.Boolean ? Type : ExportType.Text;
}

/// <summary>A download as rows: a layer name, its columns in order, then (last) the geometry column.</summary>
public sealed record ExportLayer(string Name, IReadOnlyList<ExportField> Fields, string? Attribution = null);
