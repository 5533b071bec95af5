using System.Globalization;
using System.IO.Compression;
using System.Text;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Writers;
using Npgsql;

namespace SeGeoCatalogue.Exports;

/// <summary>
/// A zipped polygon Shapefile: .shp/.shx/.dbf, a .prj (WGS 84, ESRI WKT, plain ASCII) and a .cpg saying UTF-8 so QGIS
/// and ArcGIS read Myanmar names; field names are the 10-character <see cref="ExportField.ShortName"/>s. A DBF text
/// field holds 254 bytes: a longer value is cut, the row's <c>cut</c> field names the fields that were, and the zip
/// then also holds <c>&lt;layer&gt;_full.csv</c> with every row in full. Nothing is lost without a notice.
/// </summary>
public static class ShapefileExport
{
    /// <summary>DBF character fields hold at most 254 bytes.</summary>
    const int MaxTextBytes = 254;
    const string CutField = "cut";

    public static async Task WriteAsync(ExportLayer layer, NpgsqlDataReader rows, string zipPath, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("segeo-shp-");
        try
        {
            var anyCut = false;
            var fullCsv = Path.Combine(dir.FullName, $"{layer.Name}_full.csv");
            await using (var csv = new StreamWriter(fullCsv, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)) { NewLine = "\r\n" })
            using (var writer = Shapefile.OpenWrite(Path.Combine(dir.FullName, layer.Name), Options(layer)))
            {
                await csv.WriteLineAsync(CsvExport.Header(layer));
                var line = new StringBuilder();
                while (await rows.ReadAsync(ct))
                {
                    var attributes = new AttributesTable();
                    var cut = new List<string>();
                    for (var i = 0; i < layer.Fields.Count; i++)
                    {
                        var value = ExportRows.Value(rows, i);
                        if (value is string text && Fit(text) is var fitted && fitted != text)
                        {
                            cut.Add(layer.Fields[i].Name);
                            value = fitted;
                        }
                        attributes.Add(layer.Fields[i].ShortName, value);
                    }
                    attributes.Add(CutField, cut.Count == 0 ? null : string.Join(", ", cut));
                    anyCut |= cut.Count > 0;
                    writer.Write(new Feature(ExportRows.Geometry(rows, layer), attributes));
                    await csv.WriteLineAsync(CsvExport.Line(layer, rows, line), ct);
                }
            }
            if (!anyCut) File.Delete(fullCsv);

            // Written here rather than by the Shapefile writer, which puts a byte-order mark before the WKT.
            var ascii = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, $"{layer.Name}.prj"), ExportRows.Wgs84EsriWkt, ascii, ct);
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, $"{layer.Name}.cpg"), "UTF-8", ascii, ct);
            var notes = new StringBuilder();
            if (layer.Attribution is not null) notes.AppendLine(layer.Attribution);
            if (anyCut)
                notes.AppendLine(CultureInfo.InvariantCulture, $"Some values are longer than a Shapefile field holds (254 bytes): they are cut in {layer.Name}.dbf, " +
                                 $"its '{CutField}' field names them, and {layer.Name}_full.csv has every row in full.");
            if (notes.Length > 0) await File.WriteAllTextAsync(Path.Combine(dir.FullName, $"{layer.Name}.txt"), notes.ToString(), ascii, ct);

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

    static ShapefileWriterOptions Options(ExportLayer layer)
    {
        var options = new ShapefileWriterOptions(ShapeType.Polygon) { Encoding = Encoding.UTF8 };
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
        options.AddCharacterField(CutField, MaxTextBytes);
        return options;
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
