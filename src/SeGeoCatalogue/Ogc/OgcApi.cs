using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.ApiDocs;
using SeGeoCatalogue.Boundaries;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Exports;
using SeGeoCatalogue.Ogc.Filtering;
using SeGeoCatalogue.Ogc.Records;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Ogc;

/// <summary>OGC API – Features Parts 1–3 and the catalogue as OGC API – Records under /ogc, for QGIS, GDAL/OGR and other GIS and catalogue clients.</summary>
public static class OgcApi
{
    public const string Crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    const string Json = "application/json";
    const string GeoJson = "application/geo+json";
    static readonly string[] ConformanceClasses =
    [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
        OgcCrs.Part2,
        .. OgcFilter.ConformanceClasses,
        .. CatalogueCollection.ConformanceClasses,
    ];

    /// <summary>Every OGC route answers GET and HEAD (OGC API – Features Core).</summary>
    static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapOgc(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/ogc").WithTags("OGC API Features")
            // Every answer carries ETag / Last-Modified (OgcValidators): a conditional GET may answer 304.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Responses?.TryAdd("304", new Microsoft.OpenApi.OpenApiResponse { Description = "Not modified: the copy the client holds is current." });
                return Task.CompletedTask;
            });
        // Public data for any web client (no cookies are sent to another origin with "*", so nothing private leaks).
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            http.Response.Headers.AccessControlAllowOrigin = "*";
            http.Response.Headers.AccessControlExposeHeaders = "ETag";
            // HEAD: the same status and headers as GET, the body dropped here whatever server runs the app.
            if (HttpMethods.IsHead(http.Request.Method)) http.Response.Body = Stream.Null;
            var services = http.RequestServices;
            var viewer = services.GetRequiredService<IViewerAccessor>().Current(http);
            var stamp = await OgcValidators.ReadAsync(services.GetRequiredService<CatalogueReads>().For(viewer), http.RequestAborted);
            var result = await next(context);
            return OgcValidators.Apply(http, stamp, viewer, result);
        });
        group.MapMethods("/", GetAndHead, Landing).WithSummary("Landing page: links to the API definition, conformance and collections").ProducesFormats([Json]);
        group.MapMethods("/api", GetAndHead, (HttpRequest request) =>
                Results.Text(OgcOpenApi.Document(Base(request)).ToJsonString(), OgcOpenApi.MediaType))
            .WithSummary("The OpenAPI 3.0 definition of this OGC API (its paths relative to /ogc)").ProducesFormats([OgcOpenApi.MediaType]);
        group.MapMethods("/conformance", GetAndHead, Conformance).WithSummary("Conformance classes implemented").ProducesFormats([Json]);
        group.MapMethods("/collections", GetAndHead, Collections).WithSummary("Feature collections: admin units per level, dataset records, sector coverage").ProducesFormats([Json]);
        group.MapMethods("/collections/{collectionId}", GetAndHead, Collection).WithSummary("One collection with its extent").ProducesFormats([Json]);
        group.MapMethods("/collections/{collectionId}/items", GetAndHead, Items)
            .WithSummary("Features of a collection (GeoJSON), paged")
            .WithDescription("bbox=minLon,minLat,maxLon,maxLat (CRS84, or the CRS named by bbox-crs; 6 numbers with heights accepted); crs (CRS84, EPSG:4326 latitude first, EPSG:32646, EPSG:32647; Content-Crs names it); limit (default 10, 1–10,000); offset (0 or more); datetime (instant or start/end, .. for an open end) filters records by reference period. Any other parameter is a 400.")
            .WithQuery(DatasetFilter.Parameters("bbox")).WithMetadata(new PageBounds(OgcOpenApi.DefaultLimit, OgcOpenApi.MaxLimit))
            .ProducesFormats([GeoJson]);
        group.MapMethods("/collections/{collectionId}/queryables", GetAndHead, (string collectionId, HttpRequest request, string? f = null) =>
                CheckFormat(f) ?? (OgcCollection.Find(collectionId) is { } c
                    ? Results.Text(Queryables.Schema(c, $"{Base(request)}/ogc/collections/{c.Id}/queryables").ToJsonString(), "application/schema+json")
                    : UnknownCollection(collectionId)))
            .WithSummary("The properties a filter may name (JSON Schema)").ProducesFormats(["application/schema+json"]);
        group.MapMethods("/collections/{collectionId}/sortables", GetAndHead, (string collectionId, HttpRequest request, string? f = null) =>
                CheckFormat(f) ?? (OgcCollection.Find(collectionId) is not { } c ? UnknownCollection(collectionId)
                    : c.Kind != OgcKind.Records ? NoSortables(c)
                    : Results.Text(RecordSorting.Schema($"{Base(request)}/ogc/collections/{c.Id}/sortables").ToJsonString(), "application/schema+json")))
            .WithSummary("The properties sortby may name (JSON Schema; the catalogue only)").ProducesFormats(["application/schema+json"]);
        group.MapMethods("/collections/{collectionId}/items/{featureId}", GetAndHead, Item).WithSummary("One feature").ProducesFormats([GeoJson]);
        return group;
    }

    static string Base(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    static JsonObject Link(string href, string rel, string type, string? title = null)
    {
        var link = new JsonObject { ["href"] = href, ["rel"] = rel, ["type"] = type };
        if (title is not null) link["title"] = title;
        return link;
    }

    static IResult Landing(HttpRequest request, string? f = null)
    {
        if (CheckFormat(f) is { } bad) return bad;
        var root = Base(request);
        return Results.Json(new JsonObject
        {
            ["title"] = "SE Data Network catalogue (SeGeoCatalogue)",
            ["description"] = "Admin units of the wider South East of Myanmar (Source: MIMU), the catalogue's dataset records and their coverage per sector, as OGC API – Features; the catalogue also as OGC API – Records (collection 'catalogue').",
            ["links"] = new JsonArray(
                Link($"{root}/ogc", "self", Json, "This document"),
                Link($"{root}/ogc/api", "service-desc", OgcOpenApi.MediaType, "The definition of this API (OpenAPI 3.0)"),
                Link($"{root}/api-docs.html?spec=ogc", "service-doc", "text/html", "The API reference"),
                Link($"{root}/ogc/conformance", "conformance", Json, "Conformance classes implemented"),
                Link($"{root}/ogc/collections", "data", Json, "The feature collections")),
        });
    }

    static IResult Conformance(string? f = null) =>
        CheckFormat(f) ?? Results.Json(new JsonObject { ["conformsTo"] = new JsonArray(ConformanceClasses.Select(c => (JsonNode?)c).ToArray()) });

    static async Task<IResult> Collections(HttpContext http, CatalogueReads reads, IViewerAccessor viewers, CancellationToken ct, string? f = null)
    {
        var db = reads.For(viewers.Current(http));
        if (CheckFormat(f) is { } bad) return bad;
        var extents = await OgcExtents.ReadAsync(db, viewers.Current(http), ct);
        var root = Base(http.Request);
        return Results.Json(new JsonObject
        {
            ["links"] = new JsonArray(Link($"{root}/ogc/collections", "self", Json)),
            ["collections"] = new JsonArray(OgcCollection.All.Select(c => (JsonNode?)Describe(c, extents, root)).ToArray()),
        });
    }

    static async Task<IResult> Collection(string collectionId, HttpContext http, CatalogueReads reads, IViewerAccessor viewers,
        CancellationToken ct, string? f = null)
    {
        var db = reads.For(viewers.Current(http));
        if (CheckFormat(f) is { } bad) return bad;
        if (OgcCollection.Find(collectionId) is not { } collection) return UnknownCollection(collectionId);
        var extents = await OgcExtents.ReadAsync(db, viewers.Current(http), ct);
        return Results.Json(Describe(collection, extents, Base(http.Request)));
    }

    static JsonObject Describe(OgcCollection collection, OgcExtents extents, string root)
    {
        var self = $"{root}/ogc/collections/{collection.Id}";
        var links = new JsonArray(
            Link(self, "self", Json, collection.Title),
            Link($"{self}/items", "items", GeoJson, "The features"),
            Link($"{self}/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables", "application/schema+json", "The properties a filter may name"));
        if (Download(collection, root) is { } download) links.Add(Link(download, "enclosure", ExportFormat.GeoPackage.ContentType, "All features as GeoPackage"));
        var description = new JsonObject
        {
            ["id"] = collection.Id,
            ["title"] = collection.Title,
            ["description"] = collection.Description,
            ["itemType"] = "feature",
            ["crs"] = new JsonArray(OgcCrs.All.Select(c => (JsonNode?)c.Uri).ToArray()),
            ["storageCrs"] = Crs84,
            ["extent"] = extents.For(collection),
            ["links"] = links,
        };
        return collection.Kind == OgcKind.Records ? CatalogueCollection.Complete(description, self) : description;
    }

    /// <summary>The whole collection as a download, where the export API has one.</summary>
    static string? Download(OgcCollection collection, string root) => collection.Kind switch
    {
        OgcKind.AdminUnits => $"{root}/api/admin-units/export?level={collection.Level.ApiName()}&f=gpkg",
        OgcKind.Datasets or OgcKind.Records => $"{root}/api/datasets/export?f=gpkg",
        _ => null,
    };

    static async Task<IResult> Items(string collectionId, HttpContext http, CatalogueReads reads, IViewerAccessor viewers,
        TimeProvider clock, CancellationToken ct, int? limit = null, int? offset = null, string? bbox = null, string? datetime = null, string? f = null,
        string? crs = null, [FromQuery(Name = "bbox-crs")] string? bboxCrs = null, string? filter = null,
        [FromQuery(Name = "filter-lang")] string? filterLang = null, [FromQuery(Name = "filter-crs")] string? filterCrs = null, string? sortby = null)
    {
        var db = reads.For(viewers.Current(http));
        if (CheckFormat(f) is { } bad) return bad;
        if (OgcCollection.Find(collectionId) is not { } collection) return UnknownCollection(collectionId);
        var errors = new FieldErrors();
        CheckItemsQuery(http.Request.Query, collection, limit, offset, errors);
        var outputCrs = FindCrs("crs", crs, errors);
        var inputCrs = FindCrs("bbox-crs", bboxCrs, errors);
        BoundingBox? box = null;
        if (bbox is not null && outputCrs is not null && inputCrs is not null)
        {
            var (b, error) = await inputCrs.ToCrs84Async(bbox, db, ct);
            if (b is null) errors.Add("bbox", error);
            box = b;
        }
        if (!OgcDatetime.TryParse(datetime, out var from, out var to, out var datetimeError)) errors.Add("datetime", datetimeError);
        // The dataset filter reads the other search fields; the bbox, in whatever CRS it came, is the one read above.
        var matchesNone = false;
        var search = collection.Kind switch
        {
            OgcKind.Datasets => DatasetFilter.FromQuery(new QueryCollection(http.Request.Query.Where(q => q.Key != "bbox").ToDictionary()), errors, clock) with { Box = box },
            OgcKind.Records => RecordQuery.Read(http.Request.Query, errors, out matchesNone) with { Box = box },
            _ => new DatasetFilter(),
        };
        var cql = OgcFilter.Read(filter, filterLang, filterCrs, errors);
        var orderBy = collection.Kind == OgcKind.Records ? RecordSorting.OrderBy(sortby, errors) : RecordSorting.ByNumber;
        if (errors.Any) return errors.ToResult();

        var page = Paging.From(limit, offset, defaultLimit: OgcOpenApi.DefaultLimit, maxLimit: OgcOpenApi.MaxLimit);
        var viewer = viewers.Current(http);
        var query = new StreamedQuery(db);
        var cmd = query.Command;
        var (cqlSql, cqlGeometry) = ("true", false);
        try
        {
            if (cql is not null) (cqlSql, cqlGeometry) = OgcFilter.Translate(cql, collection, cmd);
        }
        catch (CqlException e)
        {
            return errors.Add("filter", e.Message).ToResult();
        }
        long matched;
        if (collection.HoldsRecords)
        {
            var where = (search with { From = from ?? search.From, To = to ?? search.To }).ToSql(cmd, viewer) + $" AND {cqlSql}"
                        + (matchesNone ? " AND false" : "");
            // The served geometry (g.geom) exists only in the full select: counted there when the filter reads it.
            matched = (long)(await query.ScalarAsync(cqlGeometry
                ? $"SELECT count(*) FROM ({DatasetRecords.Select("1", where, cmd, viewer)}) c"
                : $"SELECT count(*) FROM datasets d WHERE {where}", ct))!;
            cmd.CommandText = DatasetRecords.Page(DatasetRecords.FeatureJson, where, cmd, viewer, orderBy);
        }
        else
        {
            var units = new AdminUnitFilter(collection.Level, null, null, box).ToSql(cmd) + $" AND {cqlSql}";
            matched = (long)(await query.ScalarAsync($"SELECT count(*) FROM admin_units WHERE {units}", ct))!;
            var pageOfUnits = $"SELECT * FROM admin_units WHERE {units} ORDER BY pcode LIMIT @limit OFFSET @offset";
            cmd.CommandText = collection.Kind == OgcKind.AdminUnits
                ? $"SELECT {AdminUnitSql.Feature} FROM ({pageOfUnits}) u ORDER BY pcode"
                : await SectorCoverage.FeaturesSqlAsync(db, cmd, viewer, collection.Level,
                    new DatasetFilter { Sectors = [collection.Sector!.Code], From = from, To = to }, pageOfUnits, MyanmarTime.Today(clock), ct);
            cmd.Parameters.AddWithValue("geometry", "full");
        }
        cmd.Parameters.AddWithValue("limit", page.Limit);
        cmd.Parameters.AddWithValue("offset", page.Offset);
        cmd.CommandText = outputCrs!.Wrap(cmd.CommandText);
        http.Response.Headers["Content-Crs"] = outputCrs.ContentCrsHeader;

        var root = Base(http.Request);
        var links = FeatureCollectionResult.PageLinks(http.Request, page, matched);
        links.Add(new($"{root}/ogc/collections/{collection.Id}", "collection", Json, collection.Title));
        if (Download(collection, root) is { } download)
            links.Add(new(download, "alternate", ExportFormat.GeoPackage.ContentType, "All features as GeoPackage"));
        var features = collection.Kind == OgcKind.Records ? RecordJson.FromFeaturesAsync(query.TextRowsAsync(ct), root) : query.TextRowsAsync(ct);
        return new FeatureCollectionResult(features, matched, links);
    }

    static readonly string[] ItemsParameters = ["limit", "offset", "bbox", "datetime", "f", "crs", "bbox-crs", .. OgcFilter.Parameters];

    /// <summary>
    /// OGC API – Features Core: a limit below 1 or a negative offset is a 400 (not clamped), and so is any parameter
    /// the collection does not know (filter, crs, bbox-crs … are not implemented: answering unfiltered would mislead).
    /// </summary>
    static void CheckItemsQuery(IQueryCollection query, OgcCollection collection, int? limit, int? offset, FieldErrors errors)
    {
        if (limit < 1) errors.Add("limit", $"{limit} is not a page size; give a number from 1 to 10,000 (10 when left out).");
        if (offset < 0) errors.Add("offset", $"{offset} is not a position; give 0 or more.");
        var known = collection.Kind switch
        {
            OgcKind.Datasets => ItemsParameters.Concat(DatasetFilter.QueryFields),
            OgcKind.Records => ItemsParameters.Concat(RecordQuery.Parameters),
            _ => ItemsParameters,
        };
        foreach (var name in query.Keys.Where(k => !known.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal))
            errors.Add(name, $"this collection has no parameter '{name}'; it knows {string.Join(", ", known.Distinct())}.");
    }

    /// <summary>Part 2: crs / bbox-crs name one of the CRSs each collection lists; CRS84 when left out.</summary>
    static OgcCrs? FindCrs(string field, string? value, FieldErrors errors)
    {
        if (value is null) return OgcCrs.Crs84;
        if (OgcCrs.Find(value) is { } crs) return crs;
        errors.Add(field, $"'{value}' is not served; give one of {OgcCrs.Names}.");
        return null;
    }

    static async Task<IResult> Item(string collectionId, string featureId, HttpContext http, CatalogueReads reads,
        IViewerAccessor viewers, TimeProvider clock, CancellationToken ct, string? f = null, string? crs = null)
    {
        var db = reads.For(viewers.Current(http));
        if (CheckFormat(f) is { } bad) return bad;
        if (OgcCollection.Find(collectionId) is not { } collection) return UnknownCollection(collectionId);
        var errors = new FieldErrors();
        if (FindCrs("crs", crs, errors) is not { } outputCrs) return errors.ToResult();
        var viewer = viewers.Current(http);
        await using var cmd = db.CreateCommand();
        if (collection.HoldsRecords)
        {
            if (!int.TryParse(featureId, out var id)) return UnknownFeature(collection, featureId);
            var where = new DatasetFilter().ToSql(cmd, viewer) + " AND d.id = @id";
            cmd.CommandText = DatasetRecords.Select(DatasetRecords.FeatureJson, where, cmd, viewer);
            cmd.Parameters.AddWithValue("id", id);
        }
        else
        {
            var unit = "SELECT * FROM admin_units WHERE retired_at IS NULL AND level = @level AND pcode = @pcode";
            cmd.CommandText = collection.Kind == OgcKind.AdminUnits
                ? $"SELECT {AdminUnitSql.Feature} FROM ({unit}) u"
                : await SectorCoverage.FeaturesSqlAsync(db, cmd, viewer, collection.Level,
                    new DatasetFilter { Sectors = [collection.Sector!.Code] }, unit, MyanmarTime.Today(clock), ct);
            cmd.Parameters.AddWithValue("level", (short)collection.Level);
            cmd.Parameters.AddWithValue("pcode", featureId.Trim().ToUpperInvariant());
            cmd.Parameters.AddWithValue("geometry", "full");
        }
        cmd.CommandText = outputCrs.Wrap(cmd.CommandText);
        if (await cmd.ExecuteScalarAsync(ct) is not string text) return UnknownFeature(collection, featureId);
        http.Response.Headers["Content-Crs"] = outputCrs.ContentCrsHeader;

        var root = Base(http.Request);
        if (collection.Kind == OgcKind.Records) return Results.Text(RecordJson.FromFeature(text, root), "application/geo+json; charset=utf-8");
        var feature = JsonNode.Parse(text)!.AsObject();
        feature["links"] = new JsonArray(
            Link($"{root}/ogc/collections/{collection.Id}/items/{Uri.EscapeDataString(featureId)}", "self", GeoJson),
            Link($"{root}/ogc/collections/{collection.Id}", "collection", Json, collection.Title));
        return Results.Text(feature.ToJsonString(JsonConventions.Options), "application/geo+json; charset=utf-8");
    }

    /// <summary>Only JSON is served; anything else asked with f= is a 400 that says so.</summary>
    static IResult? CheckFormat(string? f) =>
        f is null or "json" or "geojson" ? null
            : new FieldErrors().Add("f", $"'{f}' is not served here; use f=json (GeoJSON for features).").ToResult();

    static IResult UnknownCollection(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Unknown collection",
        detail: $"There is no collection '{id}'. The collections are listed at /ogc/collections " +
                "(states, districts, townships, village-tracts, wards, datasets, catalogue, coverage-<sector>-township, coverage-<sector>-village-tract).");

    static IResult NoSortables(OgcCollection collection) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "No sortables",
        detail: $"The collection '{collection.Id}' is answered in its own order and has no sortby; the catalogue (/ogc/collections/catalogue/sortables) has.");

    static IResult UnknownFeature(OgcCollection collection, string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Unknown feature",
        detail: collection.HoldsRecords
            ? $"No record with id '{id}' that you may see is in the collection '{collection.Id}'; list them at /ogc/collections/{collection.Id}/items."
            : $"No {collection.Level.ApiName()} has the pcode '{id}'; list them at /ogc/collections/{collection.Id}/items.");
}
