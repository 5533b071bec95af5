using System.Globalization;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Ogc.Records;

/// <summary>
/// The query parameters OGC API – Records adds to the catalogue's items (Records Core Query Parameters): q (terms
/// separated by commas, any of them, through the catalogue's own text search), type, ids and externalIds (sortby: RecordSorting). bbox,
/// datetime, limit and the CQL2 filter are read as for every other collection.
/// </summary>
public static class RecordQuery
{
    /// <summary>Every record of this catalogue describes a dataset.</summary>
    public const string RecordType = "dataset";
    public const int MaxIds = 200;
    public static readonly string[] Parameters = ["q", "type", "ids", "externalIds", "sortby"];

    /// <summary>
    /// The search the parameters ask for; <paramref name="matchesNone"/> when no record can match (a type other than
    /// dataset, or externalIds: no record of this catalogue has an external id).
    /// </summary>
    public static DatasetFilter Read(IQueryCollection query, FieldErrors errors, out bool matchesNone)
    {
        var ids = new List<int>();
        foreach (var text in Values(query, "ids"))
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) ids.Add(id);
            else errors.Add("ids", $"'{text}' is not a record id; the ids are the records' numbers, e.g. ids=12,15.");
        }
        if (ids.Count > MaxIds) errors.Add("ids", $"{ids.Count:N0} ids is more than the {MaxIds} allowed at once; ask in pages.");
        var types = Values(query, "type");
        matchesNone = (types.Count > 0 && !types.Contains(RecordType, StringComparer.OrdinalIgnoreCase)) || Values(query, "externalIds").Count > 0;
        var terms = Values(query, "q");
        // websearch syntax: "or" between the terms makes any of them match, as q asks.
        return new DatasetFilter { Text = terms.Count > 0 ? string.Join(" or ", terms) : null, Ids = ids };
    }

    static List<string> Values(IQueryCollection query, string field) =>
        query[field].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct().ToList();
}
