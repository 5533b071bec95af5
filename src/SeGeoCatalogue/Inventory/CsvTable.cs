using System.Text;

namespace SeGeoCatalogue.Inventory;

/// <summary>
/// Reads an uploaded CSV (RFC 4180, UTF-8 with or without a BOM) with the Records columns. The apostrophe the
/// service's CSV downloads put before a formula-like cell (<see cref="Shared.CsvText.Cell"/>) is taken off again.
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
        var records = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var lines = 1;
        void EndRow()
        {
            row.Add(cell.ToString());
            cell.Clear();
            if (row.Any(c => c.Length > 0)) records.Add([.. row, lines.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            row.Clear();
            if (records.Count > maxRows + 1)
                throw new UnreadableUploadException(413, "Too many rows", $"file: more than {maxRows:N0} records in one upload; split the inventory into files of at most {maxRows:N0} rows.");
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                EndRow();
                lines++;
            }
            else cell.Append(c);
        }
        if (cell.Length > 0 || row.Count > 0) EndRow();
        if (records.Count == 0) throw new UnreadableUploadException(400, "Empty file", "file: the CSV has no header row; start from the template's columns.");
        // The row number each record started on was appended last; a quoted line break makes a record span lines.
        var headers = records[0].SkipLast(1).Select(h => h.Trim()).ToList();
        var rows = records.Skip(1).Select(r => new UploadedRow(int.Parse(r[^1], System.Globalization.CultureInfo.InvariantCulture),
            r.SkipLast(1).Select(Unquote).ToList())).ToList();
        return new UploadedTable(headers, rows);
    }

    static string? Unquote(string cell) =>
        cell.Length == 0 ? null : cell.Length > 1 && cell[0] == '\'' && "=+-@\t\r".Contains(cell[1]) ? cell[1..] : cell;
}
