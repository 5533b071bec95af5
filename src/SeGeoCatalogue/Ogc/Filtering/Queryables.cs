using System.Text.Json.Nodes;

namespace SeGeoCatalogue.Ogc.Filtering;

public enum QueryableType { String, Integer, Number, Date, Boolean, Geometry, Period }

/// <summary>A property a filter may name, and the SQL it stands for: the whitelist a CQL2 filter is translated against.</summary>
public sealed record Queryable(string Name, string Title, QueryableType Type, string Sql);

/// <summary>The queryables of each collection (OGC API – Features Part 3) and their JSON Schema.</summary>
public static class Queryables
{
    /// <summary>Over <c>datasets d</c>, with <c>g.geom</c> the geometry the viewer is served (see DatasetRecords.Select).</summary>
    static readonly IReadOnlyList<Queryable> Datasets =
    [
        new("id", "Record number", QueryableType.Integer, "d.id"),
        new("title", "Title", QueryableType.String, "d.title"),
        new("summary", "Summary", QueryableType.String, "d.summary"),
        new("holder", "Holding organisation", QueryableType.String, "(SELECT hq.name FROM organisations hq WHERE hq.id = d.holder_id)"),
        new("holder_acronym", "Holding organisation's acronym", QueryableType.String, "(SELECT hq.acronym FROM organisations hq WHERE hq.id = d.holder_id)"),
        new("source", "Source", QueryableType.String, "d.source"),
        new("disaggregation_level", "Level of detail", QueryableType.String, "d.disaggregation_level"),
        new("spatial_completeness", "Spatial completeness", QueryableType.String, "d.spatial_completeness"),
        new("availability", "Availability", QueryableType.String, "d.availability"),
        new("update_frequency", "Update frequency", QueryableType.String, "d.update_frequency"),
        new("assessment_status", "Assessment status", QueryableType.String, "d.assessment_status"),
        new("period_start", "Reference period start", QueryableType.Date, "d.period_start"),
        new("period_end", "Reference period end", QueryableType.Date, "d.period_end"),
        new("collected_on", "Collected on", QueryableType.Date, "d.collected_on"),
        new("is_demo", "Demo record", QueryableType.Boolean, "d.is_demo"),
        new("datetime", "Reference period (start to end)", QueryableType.Period,
            "coalesce(d.period_start, d.period_end)|coalesce(d.period_end, d.period_start)"),
        new("geometry", "Footprint or linked units, as served", QueryableType.Geometry, "g.geom"),
    ];

    /// <summary>Over an admin_units row (no alias).</summary>
    static readonly IReadOnlyList<Queryable> Units =
    [
        new("pcode", "MIMU pcode", QueryableType.String, "pcode"),
        new("name_en", "Name (English)", QueryableType.String, "name_en"),
        new("name_my", "Name (Myanmar)", QueryableType.String, "name_my"),
        new("unit_type", "Unit type", QueryableType.String, "unit_type"),
        new("parent_pcode", "Parent's pcode", QueryableType.String, "parent_pcode"),
        new("state_pcode", "State's pcode", QueryableType.String, "state_pcode"),
        new("district_pcode", "District's pcode", QueryableType.String, "district_pcode"),
        new("township_pcode", "Township's pcode", QueryableType.String, "township_pcode"),
        new("area_km2", "Area (km²)", QueryableType.Number, "area_km2"),
        new("geometry", "Boundary", QueryableType.Geometry, "geom"),
    ];

    /// <summary>The catalogue (OGC API – Records) names the summary "description", as its records do.</summary>
    static readonly IReadOnlyList<Queryable> Records =
        [.. Datasets, new("description", "Description (the record's summary)", QueryableType.String, "d.summary")];

    public static IReadOnlyList<Queryable> For(OgcCollection collection) => collection.Kind switch
    {
        OgcKind.Datasets => Datasets,
        OgcKind.Records => Records,
        _ => Units,
    };

    public static JsonObject Schema(OgcCollection collection, string url) => new()
    {
        ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
        ["$id"] = url,
        ["type"] = "object",
        ["title"] = collection.Title,
        ["properties"] = new JsonObject(For(collection).Select(q => KeyValuePair.Create(q.Name, (JsonNode?)Property(q)))),
        ["additionalProperties"] = false,
    };

    static JsonObject Property(Queryable q)
    {
        var property = new JsonObject { ["title"] = q.Title };
        switch (q.Type)
        {
            case QueryableType.Geometry:
                property["format"] = "geometry-any";
                break;
            case QueryableType.Date or QueryableType.Period:
                property["type"] = "string";
                property["format"] = "date";
                break;
            default:
                property["type"] = q.Type.ToString().ToLowerInvariant();
                break;
        }
        return property;
    }
}
