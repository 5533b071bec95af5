using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SeGeoCatalogue.Tests.Inventory;

/// <summary>
/// Reads and fills .xlsx files with the Open XML SDK directly, as Excel would save them (text in the shared-string
/// table, dates as serial numbers), independently of the service's reader and writer.
/// </summary>
public static class Workbooks
{
    /// <summary>A cell with a formula: its text, and the value Excel last showed (none when never calculated).</summary>
    public sealed record Formula(string Text, string? Cached);

    /// <summary>Every row of a sheet as text (shared and inline strings, numbers as stored), by column letter position.</summary>
    public static List<List<string?>> Rows(byte[] xlsx, string sheetName)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var (part, shared) = Sheet(document, sheetName);
        var rows = new List<List<string?>>();
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            var cells = new List<string?>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = Column(cell.CellReference!.Value!);
                while (cells.Count < column) cells.Add(null);
                cells.Add(cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText
                    : cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)]
                    : cell.CellValue?.Text);
            }
            rows.Add(cells);
        }
        return rows;
    }

    /// <summary>The cell of a sheet by reference ("C2"), for looking at its type, style and formula.</summary>
    public static (Cell Cell, CellFormat? Format) Cell(byte[] xlsx, string sheetName, string reference)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var (part, _) = Sheet(document, sheetName);
        var cell = part.Worksheet.Descendants<Cell>().Single(c => c.CellReference?.Value == reference);
        var formats = document.WorkbookPart!.WorkbookStylesPart?.Stylesheet.CellFormats?.Elements<CellFormat>().ToList();
        var format = cell.StyleIndex?.Value is { } index ? formats?[(int)index] : null;
        return ((Cell)cell.CloneNode(true), (CellFormat?)format?.CloneNode(true));
    }

    public static List<DataValidation> DropDowns(byte[] xlsx, string sheetName)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        return Sheet(document, sheetName).Part.Worksheet.Descendants<DataValidation>().Select(v => (DataValidation)v.CloneNode(true)).ToList();
    }

    public static List<(string Name, string? State)> SheetNames(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        return document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => (s.Name!.Value!, s.State?.InnerText)).ToList();
    }

    /// <summary>
    /// The workbook with the Records sheet's data rows replaced by <paramref name="rows"/> (column name → value:
    /// string, number, DateOnly as a serial date, bool, or <see cref="Formula"/>), strings in the shared-string table.
    /// </summary>
    public static byte[] Fill(byte[] xlsx, IEnumerable<IReadOnlyDictionary<string, object?>> rows)
    {
        var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var book = document.WorkbookPart!;
            var (part, _) = Sheet(document, "Records");
            var sharedPart = book.SharedStringTablePart ?? book.AddNewPart<SharedStringTablePart>();
            sharedPart.SharedStringTable ??= new SharedStringTable();
            var shared = sharedPart.SharedStringTable;
            var index = shared.Elements<SharedStringItem>().Count();

            var data = part.Worksheet.GetFirstChild<SheetData>()!;
            var headerRow = data.Elements<Row>().First();
            var headers = headerRow.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? "").ToList();
            foreach (var old in data.Elements<Row>().Skip(1).ToList()) old.Remove();
            uint number = 1;
            foreach (var values in rows)
            {
                var row = new Row { RowIndex = ++number };
                foreach (var (name, value) in values)
                {
                    if (value is null) continue;
                    var column = headers.IndexOf(name);
                    if (column < 0) throw new ArgumentException($"no column {name}");
                    var cell = new Cell { CellReference = $"{Letter(column)}{number}" };
                    switch (value)
                    {
                        case Formula f:
                            cell.CellFormula = new CellFormula(f.Text);
                            if (f.Cached is not null) { cell.CellValue = new CellValue(f.Cached); cell.DataType = CellValues.String; }
                            break;
                        case DateOnly date:
                            cell.CellValue = new CellValue(date.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture));
                            break;
                        case int or long or double:
                            cell.CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                            break;
                        case bool b:
                            cell.CellValue = new CellValue(b ? "1" : "0");
                            cell.DataType = CellValues.Boolean;
                            break;
                        default:
                            shared.AppendChild(new SharedStringItem(new Text((string)value) { Space = SpaceProcessingModeValues.Preserve }));
                            cell.CellValue = new CellValue((index++).ToString(CultureInfo.InvariantCulture));
                            cell.DataType = CellValues.SharedString;
                            break;
                    }
                    row.AppendChild(cell);
                }
                // Excel keeps cells in column order.
                var ordered = row.Elements<Cell>().OrderBy(c => Column(c.CellReference!.Value!)).ToList();
                row.RemoveAllChildren<Cell>();
                foreach (var cell in ordered) row.AppendChild(cell);
                data.AppendChild(row);
            }
            shared.Count = shared.UniqueCount = (uint)index;
            part.Worksheet.Save();
            shared.Save();
        }
        return stream.ToArray();
    }

    /// <summary>Rows of the Records sheet as column name → text (the header row gives the names).</summary>
    public static List<Dictionary<string, string?>> Records(byte[] xlsx)
    {
        var rows = Rows(xlsx, "Records");
        var headers = rows[0].Select(h => h ?? "").ToList();
        return rows.Skip(1).Select(r => headers.Select((h, i) => (h, i < r.Count ? r[i] : null)).ToDictionary(p => p.h, p => p.Item2)).ToList();
    }

    static (WorksheetPart Part, List<string> Shared) Sheet(SpreadsheetDocument document, string name)
    {
        var book = document.WorkbookPart!;
        var sheet = book.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        var shared = book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        return ((WorksheetPart)book.GetPartById(sheet.Id!), shared);
    }

    static int Column(string reference) => reference.TakeWhile(char.IsLetter).Aggregate(0, (n, c) => n * 26 + c - 'A' + 1) - 1;

    static string Letter(int column) => column < 26 ? ((char)('A' + column)).ToString() : $"{(char)('A' + column / 26 - 1)}{(char)('A' + column % 26)}";
}
