using System.Globalization;
using System.Text;
using Npgsql;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Exports;

/// <summary>CSV (RFC 4180), UTF-8 with a BOM so spreadsheet programs read Myanmar script; one row per record, written as rows arrive.</summary>
public static class CsvExport
{
    public static async Task WriteAsync(ExportLayer layer, NpgsqlDataReader rows, Stream output, CancellationToken ct)
    {
        await using var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await text.WriteLineAsync(string.Join(",", layer.Fields.Select(f => CsvText.Cell(f.Name))));
        var line = new StringBuilder();
        while (await rows.ReadAsync(ct))
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
            await text.WriteLineAsync(line, ct);
        }
        await text.FlushAsync(ct);
    }
}
