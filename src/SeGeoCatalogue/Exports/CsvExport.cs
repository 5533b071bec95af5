using System.Globalization;
using System.Text;
using Npgsql;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Exports;

/// <summary>CSV (RFC 4180), UTF-8 with a BOM so spreadsheet programs read Myanmar script; one row per record, written as rows arrive.</summary>
public static class CsvExport
{
    /// <summary>With <paramref name="hxl"/>, the fields' HXL hashtags follow the header as a second row.</summary>
    public static async Task WriteAsync(ExportLayer layer, NpgsqlDataReader rows, Stream output, CancellationToken ct, bool hxl = false)
    {
        await using var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await text.WriteLineAsync(Header(layer));
        if (hxl) await text.WriteLineAsync(string.Join(",", layer.Fields.Select(f => CsvText.Cell(f.Hxl ?? ""))));
        var line = new StringBuilder();
        while (await rows.ReadAsync(ct))
            await text.WriteLineAsync(Line(layer, rows, line), ct);
        await text.FlushAsync(ct);
    }

    public static string Header(ExportLayer layer) => string.Join(",", layer.Fields.Select(f => CsvText.Cell(f.Name)));

    /// <summary>The current row's flat columns as one CSV line (in <paramref name="line"/>, which is cleared first).</summary>
    public static StringBuilder Line(ExportLayer layer, NpgsqlDataReader rows, StringBuilder line)
    {
        line.Clear();
        for (var i = 0; i < layer.Fields.Count; i++)
        {
            if (i > 0) line.Append(',');
            line.Append(CsvText.Cell(ExportRows.Value(rows, i) switch
            {
                null => "",
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                bool b => b ? "true" : "false",
                var v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
            }));
        }
        return line;
    }
}
