using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace SeGeoCatalogue.Inventory;

/// <summary>
/// Reads an uploaded CSV (RFC 4180, UTF-8 with or without a BOM) with the Records columns, through CsvHelper. The
/// apostrophe the service's CSV downloads put before a formula-like cell (<see cref="Shared.CsvText.Cell"/>) is taken off again.
/// </summary>
public static class CsvTable
{
    public static UploadedTable Read(byte[] bytes, int maxRows)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new UnreadableUploadException(400, "Not UTF-8", "file: the CSV is not UTF-8 text; save it as 'CSV UTF-8' (or upload the .xlsx itself).");
        }
        int? badLine = null;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = bad => badLine ??= bad.Context.Parser?.RawRow,
            DetectColumnCountChanges = false,
        };
        using var parser = new CsvParser(new StringReader(text), config);
        var records = new List<(int Line, string[] Cells)>();
        while (parser.Read())
        {
            var cells = parser.Record ?? [];
            if (cells.All(c => c.Length == 0)) continue;
            records.Add(((int)parser.RawRow, cells));
            if (records.Count > maxRows + 1)
                throw new UnreadableUploadException(413, "Too many rows", $"file: more than {maxRows:N0} records in one upload; split the inventory into files of at most {maxRows:N0} rows.");
        }
        if (badLine is { } line)
            throw new UnreadableUploadException(400, "Broken CSV", $"file: line {line} has a quote that does not close where the cell ends; double the quotes inside a quoted cell (\"\") or save the file again from Excel.");
        if (records.Count == 0) throw new UnreadableUploadException(400, "Empty file", "file: the CSV has no header row; start from the template's columns.");
        var headers = records[0].Cells.Select(h => h.Trim()).ToList();
        var rows = records.Skip(1).Select(r => new UploadedRow(r.Line, r.Cells.Select(Unquote).ToList())).ToList();
        return new UploadedTable(headers, rows);
    }

    static string? Unquote(string cell) =>
        cell.Length == 0 ? null : cell.Length > 1 && cell[0] == '\'' && Shared.CsvText.StartsLikeFormula(cell.AsSpan(1)) ? cell[1..] : cell;
}
