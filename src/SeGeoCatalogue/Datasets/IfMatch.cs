using Microsoft.Net.Http.Headers;

namespace SeGeoCatalogue.Datasets;

/// <summary>A record's ETag (its row version) and the If-Match precondition of RFC 9110 §13.1.1.</summary>
public static class IfMatch
{
    public static string ETag(long version) => $"\"{version}\"";

    /// <summary>
    /// "*" matches any current record; otherwise a comma-separated list of entity tags, one of which must equal the
    /// current ETag by strong comparison (a weak tag never matches). A header that does not parse matches nothing.
    /// </summary>
    public static bool Matches(HttpRequest request, long version)
    {
        if (!EntityTagHeaderValue.TryParseList(request.Headers.IfMatch, out var tags)) return false;
        var current = new EntityTagHeaderValue(ETag(version));
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: true));
    }
}
