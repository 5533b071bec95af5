using System.IO.Compression;
using System.Text;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Writers;
using Npgsql;

namespace SeGeoCatalogue.Exports;

/// <summary>
/// A zipped polygon Shapefile: .shp/.shx/.dbf, a .prj (WGS 84, ESRI WKT) and a .cpg saying UTF-8 so QGIS and ArcGIS
/// read Myanmar names; field names are the 10-character <see cref="ExportField.ShortName"/>s.
/// </summary>
public static class ShapefileExport
{
    /// <summary>DBF character fields hold at most 254 bytes.</summary>
    const int MaxTextBytes = 254;

    public static async Task WriteAsync(ExportLayer layer, NpgsqlDataReader rows, string zipPath, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("segeo-shp-");
        try
        {
            var options = new ShapefileWriterOptions(ShapeType.Polygon) { Encoding = Encoding.UTF8, Projection = ExportRows.Wgs84EsriWkt };
            foreach (var field in layer.Fields)
            {
                switch (field.FlatType)
                {
                    case ExportType.Integer: options.AddNumericInt64Field(field.ShortName); break;
                    case ExportType.Double: options.AddNumericDoubleField(field.ShortName); break;
                    case ExportType.Boolean: options.AddLogicalField(field.ShortName); break;
                    default: options.AddCharacterField(field.ShortName, MaxTextBytes); break;
                }
            }
            using (var writer = Shapefile.OpenWrite(Path.Combine(dir.FullName, layer.Name), options))
            {
                while (await rows.ReadAsync(ct))
                {
                    var attributes = new AttributesTable();
                    for (var i = 0; i < layer.Fields.Count; i++)
                        attributes.Add(layer.Fields[i].ShortName, ExportRows.Value(rows, i) is string s ? Fit(s) : ExportRows.Value(rows, i));
                    writer.Write(new Feature(ExportRows.Geometry(rows, layer), attributes));
                }
            }
            if (layer.Attribution is not null)
                await File.WriteAllTextAsync(Path.Combine(dir.FullName, $"{layer.Name}.txt"), layer.Attribution + "\n", ct);

            await using var zipFile = File.Create(zipPath);
            await using var zip = new ZipArchive(zipFile, ZipArchiveMode.Create);
            foreach (var file in dir.EnumerateFiles().OrderBy(f => f.Name, StringComparer.Ordinal))
                await zip.CreateEntryFromFileAsync(file.FullName, file.Name, CompressionLevel.Optimal, ct);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Cuts text to what a DBF field holds without splitting a character (Myanmar letters take 3 bytes in UTF-8).</summary>
    static string Fit(string text)
    {
        if (Encoding.UTF8.GetByteCount(text) <= MaxTextBytes) return text;
        var length = text.Length;
        while (Encoding.UTF8.GetByteCount(text.AsSpan(0, length)) > MaxTextBytes - 3) length--;
        if (length > 0 && char.IsHighSurrogate(text[length - 1])) length--;
        return text[..length] + "…";
    }
}
