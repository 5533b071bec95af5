using System.Text.Json.Nodes;
using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.Ogc;

/// <summary>
/// The OpenAPI 3.0 definition of the /ogc API alone (the landing page's service-desc), with paths relative to its
/// own server as OGC API – Features clients expect, and the bounds of limit (default and maximum) so a client can
/// choose its page size. Written out by hand: it describes the standard's resources, not this code's handlers.
/// </summary>
public static class OgcOpenApi
{
    public const string MediaType = "application/vnd.oai.openapi+json;version=3.0";
    public const int DefaultLimit = 10;
    public const int MaxLimit = 10_000;

    public static JsonObject Document(string root) => new()
    {
        ["openapi"] = "3.0.3",
        ["info"] = new JsonObject
        {
            ["title"] = "SE Data Network catalogue — OGC API – Features and Records",
            ["version"] = "1.0.0",
            ["description"] = "Admin units of the wider South East of Myanmar (Source: MIMU), the catalogue's dataset records and " +
                              "their coverage per sector. Errors are RFC 9457 problem details naming the parameter.",
        },
        ["servers"] = new JsonArray(new JsonObject { ["url"] = $"{root}/ogc" }),
        ["paths"] = new JsonObject
        {
            ["/"] = Get("getLandingPage", "Landing page", Json, []),
            ["/conformance"] = Get("getConformanceDeclaration", "Conformance classes implemented", Json, []),
            ["/collections"] = Get("getCollections", "The feature collections", Json, []),
            ["/collections/{collectionId}"] = Get("describeCollection", "One collection with its extent", Json, [Ref("collectionId")], notFound: true),
            ["/collections/{collectionId}/items"] = Get("getFeatures", "Features of a collection, paged", GeoJson,
                [Ref("collectionId"), Ref("limit"), Ref("offset"), Ref("bbox"), Ref("bbox-crs"), Ref("crs"), Ref("datetime"), Ref("filter"), Ref("filter-lang"), Ref("filter-crs"),
                 Ref("q"), Ref("type"), Ref("ids"), Ref("externalIds"), Ref("sortby"),
                 .. DatasetFilter.QueryFields.Where(f => f is not ("bbox" or "holder" or "q")).Select(DatasetParameter)], notFound: true),
            ["/collections/{collectionId}/sortables"] = Get("getSortables", "The properties sortby may name (the catalogue only)", "application/schema+json",
                [Ref("collectionId")], notFound: true),
            ["/collections/{collectionId}/items/{featureId}"] = Get("getFeature", "One feature", GeoJson,
                [Ref("collectionId"), Ref("featureId"), Ref("crs")], notFound: true),
        },
        ["components"] = new JsonObject
        {
            ["parameters"] = new JsonObject
            {
                ["collectionId"] = new JsonObject
                {
                    ["name"] = "collectionId", ["in"] = "path", ["required"] = true, ["description"] = "The collection's id.",
                    ["schema"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(OgcCollection.All.Select(c => (JsonNode?)c.Id).ToArray()) },
                },
                ["featureId"] = new JsonObject
                {
                    ["name"] = "featureId", ["in"] = "path", ["required"] = true,
                    ["description"] = "A unit's pcode, or a record's number in the collections 'datasets' and 'catalogue'.",
                    ["schema"] = new JsonObject { ["type"] = "string" },
                },
                ["limit"] = Query("limit", "The page size: how many features at most one answer holds.", new JsonObject
                {
                    ["type"] = "integer", ["minimum"] = 1, ["maximum"] = MaxLimit, ["default"] = DefaultLimit,
                }),
                ["offset"] = Query("offset", "How many matching features to skip (the next link carries it).", new JsonObject
                {
                    ["type"] = "integer", ["minimum"] = 0, ["default"] = 0,
                }),
                ["bbox"] = Explode(Query("bbox", "minLon,minLat,maxLon,maxLat in CRS84 (6 numbers with heights accepted).", new JsonObject
                {
                    ["type"] = "array", ["minItems"] = 4, ["maxItems"] = 6, ["items"] = new JsonObject { ["type"] = "number" },
                })),
                ["crs"] = Query("crs", "The CRS of the answer's coordinates (OGC API – Features Part 2); CRS84 when left out. EPSG:4326 is latitude first.",
                    Crss()),
                ["bbox-crs"] = Query("bbox-crs", "The CRS bbox is given in; CRS84 when left out.", Crss()),
                ["filter"] = Query("filter",
                    "A CQL2 filter over the collection's queryables (…/queryables): comparisons, AND/OR/NOT, LIKE, IN, BETWEEN, IS NULL, " +
                    "S_INTERSECTS with a WKT, BBOX or GeoJSON literal, T_INTERSECTS with DATE/TIMESTAMP/INTERVAL.",
                    new JsonObject { ["type"] = "string" }),
                ["filter-lang"] = Query("filter-lang", "The encoding of filter.", new JsonObject
                {
                    ["type"] = "string", ["enum"] = new JsonArray(Filtering.OgcFilter.Languages.Select(l => (JsonNode?)l).ToArray()), ["default"] = "cql2-text",
                }),
                ["filter-crs"] = Query("filter-crs", "The CRS of the filter's geometries: CRS84 only.",
                    new JsonObject { ["type"] = "string", ["format"] = "uri", ["enum"] = new JsonArray(OgcApi.Crs84) }),
                ["q"] = Query("q",
                    "Collections 'datasets' and 'catalogue': the catalogue's text search (English words by stem, other text as written); " +
                    "in 'catalogue' terms separated by commas match any of them.", new JsonObject { ["type"] = "string" }),
                ["type"] = Explode(Query("type", "Collection 'catalogue' only: record types; every record is a 'dataset' (any other type matches none).",
                    new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } })),
                ["ids"] = Explode(Query("ids", "Collection 'catalogue' only: only these records (their numbers).", new JsonObject
                {
                    ["type"] = "array", ["maxItems"] = Records.RecordQuery.MaxIds, ["items"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0 },
                })),
                ["externalIds"] = Explode(Query("externalIds", "Collection 'catalogue' only: records with these external ids (none has one, so none matches).",
                    new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } })),
                ["sortby"] = Explode(Query("sortby",
                    "Collection 'catalogue' only: sortables (…/sortables: id, title, created, updated), each with - before it for descending; ties by record number.",
                    new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[+-]?(id|title|created|updated)$" } })),
                ["datetime"] = Query("datetime",
                    "An instant or an interval start/end (.. or nothing for an open end): records whose reference period meets it.",
                    new JsonObject { ["type"] = "string" }),
            },
            ["responses"] = new JsonObject
            {
                ["NotModified"] = new JsonObject { ["description"] = "The copy the client holds (If-None-Match / If-Modified-Since) is current." },
                ["BadRequest"] = Problem("A parameter is malformed or unknown; the problem names it and the fix."),
                ["NotFound"] = Problem("No such collection or feature (or none you may see)."),
                ["ServiceUnavailable"] = Problem("The database is unreachable: retry after the Retry-After seconds."),
            },
            ["schemas"] = new JsonObject
            {
                ["Problem"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["type"] = new JsonObject { ["type"] = "string" },
                        ["title"] = new JsonObject { ["type"] = "string" },
                        ["status"] = new JsonObject { ["type"] = "integer" },
                        ["detail"] = new JsonObject { ["type"] = "string" },
                        ["errors"] = new JsonObject
                        {
                            ["type"] = "object",
                            ["additionalProperties"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
                        },
                    },
                },
            },
        },
    };

    const string Json = "application/json";
    const string GeoJson = "application/geo+json";

    static JsonObject Get(string id, string summary, string mediaType, JsonNode[] parameters, bool notFound = false)
    {
        var responses = new JsonObject
        {
            ["200"] = new JsonObject
            {
                ["description"] = summary,
                ["headers"] = new JsonObject
                {
                    ["ETag"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } },
                    ["Last-Modified"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } },
                },
                ["content"] = new JsonObject { [mediaType] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } },
            },
            ["304"] = new JsonObject { ["$ref"] = "#/components/responses/NotModified" },
            ["400"] = new JsonObject { ["$ref"] = "#/components/responses/BadRequest" },
        };
        if (notFound) responses["404"] = new JsonObject { ["$ref"] = "#/components/responses/NotFound" };
        responses["503"] = new JsonObject { ["$ref"] = "#/components/responses/ServiceUnavailable" };
        var f = Query("f", "The format: only JSON (GeoJSON for features) is served.",
            new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("json", "geojson") });
        return new JsonObject
        {
            ["get"] = new JsonObject
            {
                ["operationId"] = id,
                ["summary"] = summary,
                ["parameters"] = new JsonArray([.. parameters, f]),
                ["responses"] = responses,
                // Open to anyone, without credentials (an empty requirement).
                ["security"] = new JsonArray(new JsonObject()),
            },
        };
    }

    static JsonObject Crss() => new()
    {
        ["type"] = "string", ["format"] = "uri", ["enum"] = new JsonArray(OgcCrs.All.Select(c => (JsonNode?)c.Uri).ToArray()),
    };

    static JsonObject Ref(string name) => new() { ["$ref"] = $"#/components/parameters/{name}" };

    static JsonObject Query(string name, string description, JsonObject schema) => new()
    {
        ["name"] = name, ["in"] = "query", ["required"] = false, ["description"] = description, ["schema"] = schema,
    };

    static JsonObject Explode(JsonObject parameter)
    {
        parameter["style"] = "form";
        parameter["explode"] = false;
        return parameter;
    }

    /// <summary>
    /// The catalogue's search fields; "holder" (an organisation id) is left out because the features' holder property is
    /// its name, and GDAL sends an equality on a documented parameter of the same name as that parameter.
    /// </summary>
    static JsonNode DatasetParameter(string name) => Query(name,
        "Collection 'datasets' only (any other collection answers 400): the catalogue's search filter of the same name, as in GET /api/datasets.",
        new JsonObject { ["type"] = "string" });

    static JsonObject Problem(string description) => new()
    {
        ["description"] = description,
        ["content"] = new JsonObject
        {
            ["application/problem+json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/Problem" } },
        },
    };
}
