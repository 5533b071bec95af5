using System.Text.Json.Nodes;
using Npgsql;
using SeGeoCatalogue.ApiDocs;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Dcat;

/// <summary>Harvestable descriptions: DCAT-AP JSON-LD per record and for the catalogue (HDX/CKAN, data.europa-style harvesters), and schema.org.</summary>
public static class DcatApi
{
    static readonly PageBounds CataloguePage = new(100, 1000);

    const string JsonLd = "application/ld+json; charset=utf-8";

    public static IEndpointRouteBuilder MapDcat(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("DCAT and schema.org");
        group.MapGet("/datasets/{id:int}/dcat", Dataset).WithSummary("A record as a DCAT-AP dcat:Dataset (JSON-LD)").ProducesFormats([JsonLd]);
        group.MapGet("/datasets/{id:int}/schema-org", SchemaOrg).WithSummary("A record as a schema.org Dataset (JSON-LD), for embedding in its page").ProducesFormats([JsonLd]);
        group.MapGet("/dcat", Catalogue)
            .WithSummary("The visible catalogue as a DCAT-AP dcat:Catalog (JSON-LD), paged with hydra links")
            .WithDescription("limit (default 100, max 1,000), offset, and any filter of GET /api/datasets.")
            .WithQuery(DatasetFilter.Parameters()).WithMetadata(CataloguePage).ProducesFormats([JsonLd]);
        return group;
    }

    internal static string Root(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    internal static async Task<DcatRecord?> FindAsync(int id, HttpContext http, NpgsqlDataSource db, IViewerAccessor viewers, CancellationToken ct)
    {
        var viewer = viewers.Current(http);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand { Connection = conn };
        cmd.CommandText = DcatRecord.Sql(new DatasetFilter().ToSql(cmd, viewer) + " AND d.id = @id", cmd, viewer);
        cmd.Parameters.AddWithValue("id", id);
        return (await DcatRecord.ReadAsync(cmd, ct)).SingleOrDefault();
    }

    static async Task<IResult> Dataset(int id, HttpContext http, CatalogueReads reads, IViewerAccessor viewers, CancellationToken ct)
    {
        var db = reads.For(viewers.Current(http));
        if (await FindAsync(id, http, db, viewers, ct) is not { } record) return NotFound(id);
        var dataset = DcatDocument.Dataset(record, Root(http.Request));
        var document = new JsonObject { ["@context"] = DcatDocument.Context() };
        foreach (var (name, value) in dataset.ToList())
        {
            dataset.Remove(name);
            document[name] = value;
        }
        return Results.Text(document.ToJsonString(JsonConventions.Options), JsonLd);
    }

    static async Task<IResult> SchemaOrg(int id, HttpContext http, NpgsqlDataSource db, IViewerAccessor viewers, CancellationToken ct) =>
        await FindAsync(id, http, db, viewers, ct) is { } record
            ? Results.Text(SchemaOrgDataset.For(record, Root(http.Request)).ToJsonString(JsonConventions.Options), JsonLd)
            : NotFound(id);

    static async Task<IResult> Catalogue(HttpContext http, CatalogueReads reads, IViewerAccessor viewers, TimeProvider clock, CancellationToken ct,
        int? limit = null, int? offset = null)
    {
        var db = reads.For(viewers.Current(http));
        var errors = new FieldErrors();
        var filter = DatasetFilter.FromQuery(http.Request.Query, errors, clock);
        if (errors.Any) return errors.ToResult();
        var page = Paging.From(limit, offset, CataloguePage);
        var viewer = viewers.Current(http);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand { Connection = conn };
        var where = filter.ToSql(cmd, viewer);
        cmd.CommandText = $"SELECT count(*) FROM datasets d WHERE {where}";
        var total = (long)(await cmd.ExecuteScalarAsync(ct))!;
        cmd.CommandText = DcatRecord.PageSql(where, cmd, viewer);
        cmd.Parameters.AddWithValue("limit", page.Limit);
        cmd.Parameters.AddWithValue("offset", page.Offset);
        var records = await DcatRecord.ReadAsync(cmd, ct);

        var root = Root(http.Request);
        var links = FeatureCollectionResult.PageLinks(http.Request, page, total);
        var view = new JsonObject { ["@type"] = "hydra:PartialCollectionView" };
        foreach (var link in links)
            view[link.Rel switch { "self" => "@id", "next" => "hydra:next", _ => "hydra:previous" }] =
                link.Rel == "self" ? link.Href : new JsonObject { ["@id"] = link.Href };
        var catalogue = new JsonObject
        {
            ["@context"] = DcatDocument.Context(),
            ["@id"] = $"{root}/api/dcat",
            ["@type"] = new JsonArray("dcat:Catalog", "hydra:Collection"),
            ["dct:title"] = "SE Data Network catalogue",
            ["dct:description"] = "Which datasets exist for the wider South East of Myanmar, who holds them, at what level of detail and for which areas.",
            ["dct:publisher"] = new JsonObject { ["@type"] = "foaf:Organization", ["foaf:name"] = "MIMU (Myanmar Information Management Unit) for the SE Data Network" },
            ["foaf:homepage"] = new JsonObject { ["@id"] = $"{root}/" },
            ["hydra:totalItems"] = total,
            ["hydra:view"] = view,
            ["dcat:dataset"] = new JsonArray(records.Select(r => (JsonNode?)DcatDocument.Dataset(r, root)).ToArray()),
        };
        return Results.Text(catalogue.ToJsonString(JsonConventions.Options), JsonLd);
    }

    static IResult NotFound(int id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Unknown dataset",
        detail: $"No record with id {id} that you may see exists; the visible catalogue is at /api/dcat.");
}
