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
            _text.Append(Quote(cells[i] ?? ""));
        }
        _text.Append("\r\n");
    }

    /// <summary>A cell as RFC 4180 writes it: quoted, with quotes doubled, when it holds a comma, quote or line break.</summary>
    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;

    public static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    public IResult ToResult() => Results.Bytes(Encoding.UTF8.GetBytes(_text.ToString()), "text/csv; charset=utf-8");
}
