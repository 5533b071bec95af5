using System.Text.Json.Nodes;

namespace SeGeoCatalogue.Ogc.Records;

/// <summary>
/// The catalogue as an OGC API – Records catalog (Part 1: Core, 2025): the members its collection description adds to
/// a feature collection's, and the conformance classes that are true of it.
/// </summary>
public static class CatalogueCollection
{
    const string Records = "http://www.opengis.net/spec/ogcapi-records-1/1.0/conf/";

    /// <summary>
    /// record-core, record-collection, record-core-query-parameters (bbox, datetime, limit, q, type, ids, externalIds),
    /// records-api, record-filter (CQL2 over the catalogue's queryables), sorting (sortby, …/sortables), searchable-catalog and its JSON and OpenAPI 3.0
    /// encodings. "record-api" is records-api's name in the drafts, which clients such as @camptocamp/ogc-client 1.3.0 look for.
    /// Not claimed: the searchable catalog's filtering and sorting profiles (their mandatory queryables), HTML, autodiscovery,
    /// crawlable or local-resources catalogs.
    /// </summary>
    public static readonly string[] ConformanceClasses =
    [
        .. new[] { "record-core", "record-collection", "record-core-query-parameters", "records-api", "record-api", "record-filter",
                   "sorting", "searchable-catalog", "json", "oas30" }.Select(c => Records + c),
    ];

    /// <summary>Adds what a Records catalog carries to the collection's description.</summary>
    public static JsonObject Complete(JsonObject description, string self)
    {
        description["links"]!.AsArray().Add(new JsonObject
        {
            ["href"] = $"{self}/sortables", ["rel"] = "http://www.opengis.net/def/rel/ogc/1.0/sortables",
            ["type"] = "application/schema+json", ["title"] = "The properties sortby may name",
        });
        description["itemType"] = "record";
        description["type"] = "Catalog";
        description["keywords"] = new JsonArray("data catalogue", "Myanmar", "South East", "SE Data Network", "MIMU");
        description["language"] = new JsonObject { ["code"] = "en", ["name"] = "English" };
        description["conformsTo"] = new JsonArray([.. ConformanceClasses.Where(c => !c.EndsWith("/record-api", StringComparison.Ordinal)).Select(c => (JsonNode?)c)]);
        return description;
    }
}
