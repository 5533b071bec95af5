using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SeGeoCatalogue.Inventory;

/// <summary>
/// Writes an .xlsx with the Open XML SDK, one sheet at a time and row by row (SAX), so a large download never sits in
/// memory as a document tree. Text is written as inline strings (Excel shows Myanmar script as stored); text that a
/// spreadsheet would take for a formula gets the quote-prefix style, so it stays text even when the cell is edited.
/// </summary>
public sealed class WorkbookWriter : IDisposable
{
    public const uint Bold = 1, Date = 2, QuotedText = 3, Wrapped = 4;

    readonly SpreadsheetDocument _document;
    readonly WorkbookPart _book;
    readonly Sheets _sheets;
    uint _sheetId;

    public WorkbookWriter(Stream output)
    {
        _document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        _book = _document.AddWorkbookPart();
        _book.Workbook = new Workbook();
        _sheets = _book.Workbook.AppendChild(new Sheets());
        _book.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
    }

    /// <summary>A new sheet with a bold, frozen header row; write its rows, then <see cref="SheetWriter.Dispose"/> it.</summary>
    public SheetWriter Sheet(string name, IReadOnlyList<(string Header, double Width)> columns, bool hidden = false)
    {
        var part = _book.AddNewPart<WorksheetPart>();
        var sheet = new Sheet { Id = _book.GetIdOfPart(part), SheetId = ++_sheetId, Name = name };
        if (hidden) sheet.State = SheetStateValues.Hidden;
        _sheets.Append(sheet);
        return new SheetWriter(part, columns);
    }

    public void Dispose() => _document.Dispose();

    static Stylesheet Styles() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" }) { Count = 1 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { QuotePrefix = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true }) { Count = 5 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
}

/// <summary>Rows of one sheet, written as they come; drop-down lists are added when the sheet ends.</summary>
public sealed class SheetWriter : IDisposable
{
    readonly OpenXmlWriter _writer;
    readonly List<DataValidation> _validations = [];
    uint _row;

    internal SheetWriter(WorksheetPart part, IReadOnlyList<(string Header, double Width)> columns)
    {
        _writer = OpenXmlWriter.Create(part);
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }));
        _writer.WriteElement(new Columns(columns.Select((c, i) =>
            new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = c.Width, CustomWidth = true })));
        _writer.WriteStartElement(new SheetData());
        Row(columns.Select(c => (object?)c.Header).ToArray(), WorkbookWriter.Bold);
    }

    /// <summary>The next row: text, whole numbers, dates (as Excel dates) or null for an empty cell.</summary>
    public void Row(object?[] cells, uint? style = null)
    {
        _row++;
        _writer.WriteStartElement(new Row { RowIndex = _row });
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i] is not { } value) continue;
            var cell = new Cell { CellReference = CellName(i, _row) };
            switch (value)
            {
                case long or int:
                    cell.CellValue = new CellValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    cell.DataType = CellValues.Number;
                    break;
                case DateOnly date:
                    cell.CellValue = new CellValue(date.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture));
                    cell.StyleIndex = WorkbookWriter.Date;
                    break;
                default:
                    var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                    cell.DataType = CellValues.InlineString;
                    cell.InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
                    if (Shared.CsvText.StartsLikeFormula(text)) cell.StyleIndex = WorkbookWriter.QuotedText;
                    break;
            }
            if (style is { } s && cell.StyleIndex is null) cell.StyleIndex = s;
            _writer.WriteElement(cell);
        }
        _writer.WriteEndElement();
    }

    /// <summary>
    /// A drop-down on column <paramref name="column"/> (rows 2 to <paramref name="lastRow"/>) from a range of another sheet.
    /// <paramref name="strict"/> refuses other values; otherwise Excel warns but lets a person type several codes separated by ';'.
    /// </summary>
    public void DropDown(int column, uint lastRow, string source, string prompt, bool strict)
    {
        var range = $"{ColumnName(column)}2:{ColumnName(column)}{lastRow}";
        _validations.Add(new DataValidation
        {
            Type = DataValidationValues.List, AllowBlank = true, ShowDropDown = false, ShowInputMessage = true, ShowErrorMessage = true,
            ErrorStyle = strict ? DataValidationErrorStyleValues.Stop : DataValidationErrorStyleValues.Warning,
            ErrorTitle = "Not in the list", Error = strict ? "Pick a value from the list." : "Pick from the list; several codes go in one cell separated by ';'.",
            Prompt = prompt.Length > 255 ? prompt[..255] : prompt,
            SequenceOfReferences = new ListValue<StringValue> { InnerText = range },
            Formula1 = new Formula1(source),
        });
    }

    public void Dispose()
    {
        _writer.WriteEndElement(); // sheetData
        if (_validations.Count > 0) _writer.WriteElement(new DataValidations(_validations) { Count = (uint)_validations.Count });
        _writer.WriteEndElement(); // worksheet
        _writer.Dispose();
    }

    public static string CellName(int column, uint row) => $"{ColumnName(column)}{row}";

    /// <summary>0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnName(int column)
    {
        var name = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }
}
