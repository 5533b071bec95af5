using System.Globalization;

namespace SeGeoCatalogue.Shared;

/// <summary>
/// Myanmar Standard Time (UTC+6:30), the day the catalogue's users live in: freshness is judged by it and download
/// names are dated in it, always with Gregorian digits whatever the server's culture.
/// </summary>
public static class MyanmarTime
{
    static readonly TimeSpan Offset = TimeSpan.FromMinutes(390);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Offset).DateTime);

    /// <summary>Today as yyyy-MM-dd, for file names.</summary>
    public static string DateStamp(TimeProvider clock) => Today(clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
