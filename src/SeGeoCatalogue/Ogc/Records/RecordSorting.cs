using System.Text.Json.Nodes;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Ogc.Records;

/// <summary>
/// sortby on the catalogue (OGC API – Records, Sorting): a comma-separated list of sortables, each with + (ascending,
/// the default) or - (descending); ties and the default order go by record number. Only the sortables' own SQL is used.
/// </summary>
public static class RecordSorting
{
    sealed record Sortable(string Name, string Title, string Type, string? Format, string Sql);

    static readonly Sortable[] Sortables =
    [
        new("id", "Record number", "integer", null, "d.id"),
        new("title", "Title", "string", null, "d.title"),
        new("created", "When the record was created", "string", "date-time", "d.created_at"),
        new("updated", "When the record was last changed", "string", "date-time", "d.updated_at"),
    ];

    public const string ByNumber = "d.id";

    /// <summary>The ORDER BY that <paramref name="sortby"/> asks for; an unknown name goes to <paramref name="errors"/>.</summary>
    public static string OrderBy(string? sortby, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(sortby)) return ByNumber;
        var terms = new List<string>();
        // A "+" written in a query string arrives as a space: both mean ascending.
        foreach (var term in sortby.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var name = term.TrimStart('+', '-', ' ');
            if (Sortables.FirstOrDefault(s => s.Name == name) is { } sortable)
                terms.Add($"{sortable.Sql} {(term.StartsWith('-') ? "DESC" : "ASC")}");
            else
                errors.Add("sortby", $"'{name}' is not sortable; give {string.Join(", ", Sortables.Select(s => s.Name))}, each with - before it for descending (see …/sortables).");
        }
        return string.Join(", ", terms.Append(ByNumber));
    }

    /// <summary>The sortables as a JSON Schema (GET …/collections/catalogue/sortables).</summary>
    public static JsonObject Schema(string url) => new()
    {
        ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
        ["$id"] = url,
        ["type"] = "object",
        ["title"] = "The properties the catalogue's records can be sorted by",
        ["properties"] = new JsonObject(Sortables.Select(s => KeyValuePair.Create(s.Name, (JsonNode?)Property(s)))),
        ["additionalProperties"] = false,
    };

    static JsonObject Property(Sortable s)
    {
        var property = new JsonObject { ["title"] = s.Title, ["type"] = s.Type };
        if (s.Format is not null) property["format"] = s.Format;
        return property;
    }
}
