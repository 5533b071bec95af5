using System.Globalization;
using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SeGeoCatalogue.Inventory;

/// <summary>
/// Reads the Records sheet of an uploaded .xlsx as text, row by row (SAX). Before the Open XML SDK sees the file, every
/// part is unpacked once into nothing while its bytes are counted, so a zip bomb stops at the limit; the SDK then reads
/// with the same cap per part. Formulas are never calculated: a formula cell is the value Excel stored with it, or the
/// formula's text when there is none.
/// </summary>
public static class WorkbookTable
{
    public static bool LooksLikeZip(byte[] bytes) => bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;

    public static UploadedTable Read(byte[] bytes, int maxRows, long maxUnpackedBytes)
    {
        CheckUnpackedSize(bytes, maxUnpackedBytes);
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(new MemoryStream(bytes, writable: false), false,
                new OpenSettings { MaxCharactersInPart = maxUnpackedBytes });
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FileFormatException or InvalidOperationException)
        {
            throw NotAWorkbook();
        }
        using (document)
        {
            try
            {
                return ReadRecords(document, maxRows);
            }
            catch (Exception e) when (e is System.Xml.XmlException or OpenXmlPackageException or InvalidDataException)
            {
                throw new UnreadableUploadException(StatusCodes.Status400BadRequest, "Workbook cannot be read",
                    $"file: the workbook's content is damaged or too large to read ({e.Message}). Open it in Excel, save it again as .xlsx and upload that.");
            }
        }
    }

    static UnreadableUploadException NotAWorkbook() => new(StatusCodes.Status415UnsupportedMediaType, "Not an Excel workbook",
        "file: this is not an .xlsx workbook. Upload the inventory template filled in and saved as Excel Workbook (.xlsx), or a CSV with the same columns.");

    /// <summary>Unpacks each part into nothing, counting: more than <paramref name="max"/> bytes in all is a 413.</summary>
    static void CheckUnpackedSize(byte[] bytes, long max)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > 1_000) throw TooLarge(max);
            var buffer = new byte[81920];
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                using var part = entry.Open();
                int read;
                while ((read = part.Read(buffer)) > 0)
                    if ((total += read) > max) throw TooLarge(max);
            }
        }
        catch (InvalidDataException)
        {
            throw NotAWorkbook();
        }
    }

    static UnreadableUploadException TooLarge(long max) => new(StatusCodes.Status413PayloadTooLarge, "Workbook unpacks too large",
        $"file: the workbook unpacks to more than {max / 1024 / 1024:N0} MB (an .xlsx is a zip); an inventory is far smaller. Save only the Records sheet's data in a new workbook.");

    static UploadedTable ReadRecords(SpreadsheetDocument document, int maxRows)
    {
        var book = document.WorkbookPart ?? throw NotAWorkbook();
        var sheets = book.Workbook?.Sheets?.Elements<Sheet>().ToList() ?? [];
        var sheet = sheets.FirstOrDefault(s => s.Name?.Value == InventoryWorkbook.RecordsSheet)
            ?? sheets.FirstOrDefault(s => s.State is null || s.State.Value == SheetStateValues.Visible);
        if (sheet?.Id?.Value is not { } id || book.GetPartById(id) is not WorksheetPart part)
            throw new UnreadableUploadException(StatusCodes.Status400BadRequest, "No Records sheet", "file: the workbook has no Records sheet; start from the template (GET /api/inventory/template.xlsx).");
        var shared = book.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(Text).ToList() ?? [];

        List<string>? headers = null;
        var rows = new List<UploadedRow>();
        using var reader = OpenXmlReader.Create(part);
        var rowNumber = 0;
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
            var row = (Row)reader.LoadCurrentElement()!;
            rowNumber = row.RowIndex?.Value is { } index ? (int)index : rowNumber + 1;
            var cells = new List<string?>();
            var next = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : next;
                if (column > 200) continue; // the Records sheet has a few dozen columns; nothing past them is read
                while (cells.Count < column) cells.Add(null);
                var value = Value(cell, shared);
                if (cells.Count == column) cells.Add(value); else cells[column] = value;
                next = column + 1;
            }
            if (headers is null)
            {
                if (cells.All(string.IsNullOrWhiteSpace)) continue;
                headers = cells.Select(c => c?.Trim() ?? "").ToList();
                continue;
            }
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            if (rows.Count == maxRows)
                throw new UnreadableUploadException(StatusCodes.Status413PayloadTooLarge, "Too many rows",
                    $"file: more than {maxRows:N0} records in one upload; split the inventory into files of at most {maxRows:N0} rows.");
            rows.Add(new UploadedRow(rowNumber, cells));
        }
        if (headers is null)
            throw new UnreadableUploadException(StatusCodes.Status400BadRequest, "Empty Records sheet", "file: the Records sheet has no header row; start from the template.");
        return new UploadedTable(headers, rows);
    }

    /// <summary>The cell as text: shared or inline strings as written, numbers in invariant notation, booleans as true/false.</summary>
    static string? Value(Cell cell, List<string> shared)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString) return cell.InlineString is { } inline ? Text(inline) : null;
        var raw = cell.CellValue?.Text;
        if (raw is null)
            // A formula with no stored result: its text, never its value.
            return cell.CellFormula?.Text is { Length: > 0 } formula ? "=" + formula : null;
        if (type == CellValues.SharedString)
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Count ? shared[i] : null;
        if (type == CellValues.Boolean) return raw == "1" ? "true" : "false";
        return raw;
    }

    /// <summary>The text of a shared or inline string: its own text or its runs', without phonetic guides.</summary>
    static string Text(OpenXmlCompositeElement item) =>
        item.GetFirstChild<Text>()?.Text ?? string.Concat(item.Elements<Run>().Select(r => r.Text?.Text));

    /// <summary>"C7" → 2.</summary>
    static int ColumnIndex(string reference)
    {
        var n = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z') break;
            n = n * 26 + (c - 'A' + 1);
            if (n > 100_000) break;
        }
        return n - 1;
    }
}
