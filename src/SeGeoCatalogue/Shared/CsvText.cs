using System.Globalization;
using System.Text;

namespace SeGeoCatalogue.Shared;

/// <summary>A CSV table (RFC 4180) sent as UTF-8 with a byte-order mark, so Excel shows Myanmar script.</summary>
public sealed class CsvText
{
    readonly StringBuilder _text = new("\uFEFF");

    public void Row(params string?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) _text.Append(',');
            _text.Append(Cell(cells[i] ?? ""));
        }
        _text.Append("\r\n");
    }

    /// <summary>
    /// A cell as RFC 4180 writes it (quoted, with quotes doubled, when it holds a comma, quote or line break), and
    /// with a leading apostrophe when a spreadsheet would run it as a formula: text starting with =, +, -, @, tab or
    /// CR (OWASP, CSV injection). Numbers such as -12.5 are left as they are.
    /// </summary>
    public static string Cell(string value)
    {
        if (StartsLikeFormula(value) && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }

    /// <summary>Text a spreadsheet would run as a formula: starting with =, +, -, @, tab or CR (OWASP, CSV injection).</summary>
    public static bool StartsLikeFormula(ReadOnlySpan<char> text) => text.Length > 0 && "=+-@\t\r".Contains(text[0]);

    public static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    public IResult ToResult() => Results.Bytes(Encoding.UTF8.GetBytes(_text.ToString()), "text/csv; charset=utf-8");
}
