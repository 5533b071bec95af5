using System.Globalization;
using System.Text;

namespace SeGeoCatalogue.Coverage;

/// <summary>A CSV table (RFC 4180) sent as UTF-8 with a byte-order mark, so Excel shows Myanmar script.</summary>
sealed class CsvText
{
    readonly StringBuilder _text = new("\uFEFF");

    public void Row(params string?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) _text.Append(',');
            var cell = cells[i] ?? "";
            if (cell.IndexOfAny([',', '"', '\n', '\r']) >= 0) _text.Append('"').Append(cell.Replace("\"", "\"\"")).Append('"');
            else _text.Append(cell);
        }
        _text.Append("\r\n");
    }

    public static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    public IResult ToResult() => Results.Bytes(Encoding.UTF8.GetBytes(_text.ToString()), "text/csv; charset=utf-8");
}
