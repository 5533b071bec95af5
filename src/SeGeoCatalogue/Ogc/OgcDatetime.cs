using System.Globalization;

namespace SeGeoCatalogue.Ogc;

/// <summary>
/// The OGC datetime parameter (an instant, or an interval a/b with ".." or "" for an open end), to whole days; a time
/// without a zone is taken as UTC.
/// </summary>
public static class OgcDatetime
{
    public static bool TryParse(string? text, out DateOnly? from, out DateOnly? to, out string error)
    {
        from = to = null;
        error = "";
        if (string.IsNullOrWhiteSpace(text)) return true;
        var parts = text.Split('/');
        if (parts.Length > 2 || !TryDay(parts[0], out from) || !TryDay(parts[^1], out to)
            || (parts.Length == 1 && from is null))
        {
            error = "Give datetime as a date or RFC 3339 time (2015-03-01 or 2015-03-01T00:00:00Z) or an interval " +
                    "start/end with .. for an open end, e.g. datetime=2014-01-01/.. .";
            return false;
        }
        if (from > to)
        {
            error = "The interval ends before it starts; write it as start/end.";
            return false;
        }
        return true;
    }

    static bool TryDay(string text, out DateOnly? day)
    {
        day = null;
        if (text is "" or "..") return true;
        // GDAL's date filter sends a day with an empty time ("2014-01-01T/..", "../2020-01-01T"): that day.
        if (text.Length == 11 && text[10] == 'T') text = text[..10];
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            day = d;
            return true;
        }
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)) return false;
        day = DateOnly.FromDateTime(t.UtcDateTime);
        return true;
    }
}
