using System.Globalization;
using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.Inventory;

/// <summary>
/// The cells of one uploaded row as typed values, with a problem per cell that is not what its column takes
/// (a date, a whole number, true/false). Codes, sizes and pcodes are left to the record's one write rule.
/// </summary>
public sealed class InventoryRowReader(UploadedRow row, IReadOnlyDictionary<string, int> columns, List<InventoryProblem> problems)
{
    public int Number => row.Number;

    /// <summary>The cell's text, or null when the column is missing or the cell empty.</summary>
    public string? Text(string column)
    {
        var value = columns.TryGetValue(column, out var i) ? row[i] : null;
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    public List<string>? List(string column) => Text(column) is { } text ? InventoryText.SplitList(text) : null;

    public string? Code(string column) => Text(column)?.Trim();

    public long? Whole(string column, string what)
    {
        if (Text(column) is not { } text) return null;
        var plain = text.Trim().Trim('"');
        if (plain.StartsWith("W/", StringComparison.Ordinal)) plain = plain[2..].Trim('"');
        if (double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && number == Math.Floor(number) && number is >= 1 and <= int.MaxValue)
            return (long)number;
        Problem(column, $"'{text}' is not {what}; write a whole number.");
        return null;
    }

    public DateOnly? Date(string column)
    {
        if (Text(column) is not { } text) return null;
        text = text.Trim();
        // Excel stores a date as days since 1899-12-30; a cell typed as text must be YYYY-MM-DD.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2958466)
            return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        Problem(column, $"'{text}' is not a date; enter a date or write it as YYYY-MM-DD, e.g. 2015-06-30.");
        return null;
    }

    public bool? Boolean(string column)
    {
        if (Text(column) is not { } text) return null;
        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "yes" or "1": return true;
            case "false" or "no" or "0": return false;
            default:
                Problem(column, $"'{text}' is not true or false; pick one from the list.");
                return null;
        }
    }

    public List<DatasetLinkJson>? Links(string column) => Text(column) is { } text ? InventoryText.SplitLinks(text) : null;

    public void Problem(string column, string message) => problems.Add(new InventoryProblem(row.Number, column, message));

    public bool HasProblem(string column) => problems.Any(p => p.Row == row.Number && p.Column == column);
}
