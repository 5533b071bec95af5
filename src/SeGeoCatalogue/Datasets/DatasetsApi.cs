using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using System.Text.Json.Nodes;
using Npgsql;
using SeGeoCatalogue.ApiDocs;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Footprints;
using SeGeoCatalogue.Shared;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace SeGeoCatalogue.Datasets;

public static class DatasetsApi
{
    /// <summary>
    /// Maps the reads and returns the route group of the writes (POST, PUT, DELETE), so an authorisation
    /// policy drops in with one line: <c>app.MapDatasets().RequireAuthorization(...)</c>.
    /// </summary>
    public static RouteGroupBuilder MapDatasets(this IEndpointRouteBuilder app)
    {
        var reads = app.MapGroup("/api/datasets").WithTags("Datasets");
        reads.MapGet("/", DatasetSearch.SearchAsync).WithSummary("Search the records you may see: a page with facet counts")
            .WithQuery(DatasetFilter.Parameters(), DatasetSearch.Parameters).WithMetadata(DatasetSearch.PageSize)
            .Produces<DatasetSearch.Page>();
        reads.MapGet("/{id:int}", Get).WithSummary("One record, with its ETag for If-Match").Produces<DatasetJson>();
        reads.MapGet("/{id:int}/history", DatasetHistory.GetAsync).WithSummary("A record's changes, newest first")
            .Produces<DatasetHistory.Entry[]>();
        reads.MapGet("/{id:int}/area", DatasetArea.GetAsync).WithSummary("A record's coverage as GeoJSON (linked units and footprint)")
            .Produces<JsonObject>(contentType: "application/geo+json");

        var writes = app.MapGroup("/api/datasets").WithTags("Datasets");
        // The bodies are read by hand (JsonBody); Accepts puts their schema, limits included, in the OpenAPI document.
        writes.MapPost("/", Create).Accepts<DatasetInput>("application/json").WithSummary("Create a record (members, for their organisation)")
            .WithHeader(IdempotentCreate.Header, "Optional: a retry with the same key and body answers the record the first request made (422 for another body).")
            .Produces<DatasetJson>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        writes.MapPut("/{id:int}", Update).Accepts<DatasetInput>("application/json").WithSummary("Replace a record's fields (If-Match required)")
            .WithHeader("If-Match", "The ETag of GET /api/datasets/{id}: a record changed since is refused with 412.", required: true)
            .Produces<DatasetJson>().ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        writes.MapDelete("/{id:int}", Delete).WithSummary("Delete a record (If-Match optional)")
            .WithHeader("If-Match", "Optional: the ETag of GET /api/datasets/{id}; a record changed since is refused with 412.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return writes;
    }

    static async Task<IResult> Get(int id, CatalogueDb db, IViewerAccessor viewers, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        if (await DatasetJson.LoadAsync(db, id, viewers.Current(http), clock, ct) is not { } found) return NotFound(id);
        http.Response.Headers.ETag = DatasetJson.ETag(found.Dataset);
        return TypedResults.Ok(found.Json);
    }

    static async Task<IResult> Create(HttpContext http, CatalogueDb db, IViewerAccessor viewers, IOptions<FootprintOptions> options,
        IOptions<JsonOptions> json, TimeProvider clock, CancellationToken ct)
    {
        var (key, badKey) = IdempotentCreate.Read(http.Request);
        if (badKey is not null) return badKey;
        var (input, problem) = await JsonBody.ReadAsync<DatasetInput>(http.Request, options.Value.MaxBodyBytes, json.Value.SerializerOptions, ct);
        if (problem is not null) return problem;
        var viewer = viewers.Current(http);
        if (key is not null)
        {
            var (earlier, reused) = await IdempotentCreate.EarlierAsync(db, viewer.UserId!, key, input!, ct);
            if (reused is not null) return reused;
            if (earlier is { } id) return await CreatedAsync(db, id, viewer, http, clock, ct);
        }
        await db.Database.OpenConnectionAsync(ct);
        var (draft, invalid) = await DatasetDraft.CheckAsync(input!, (NpgsqlConnection)db.Database.GetDbConnection(), options.Value, ct);
        if (invalid is not null) return invalid;

        if (!DatasetPermissions.CanWriteFor(viewer, input!.HolderId!.Value)) return NotYourOrganisation();
        if (DatasetPermissions.CheckVisibility(viewer, input.Visibility, Dataset.DefaultVisibility) is { } refused) return refused;
        var now = clock.GetUtcNow();
        try
        {
            var id = await DatasetWriter.CreateAsync(db, draft!, viewer.Name, now,
                key is null ? null : IdempotentCreate.NewKey(viewer.UserId!, key, input, now), ct);
            return await CreatedAsync(db, id, viewer, http, clock, ct);
        }
        catch (DbUpdateException e) when (key is not null && IdempotentCreate.IsDuplicateKey(e))
        {
            // A retry of the same request committed first: answer with its record.
            db.ChangeTracker.Clear();
            var (earlier, reused) = await IdempotentCreate.EarlierAsync(db, viewer.UserId!, key, input, ct);
            return reused ?? await CreatedAsync(db, earlier!.Value, viewer, http, clock, ct);
        }
    }

    static async Task<IResult> CreatedAsync(CatalogueDb db, int id, Viewer viewer, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        // Members see their own organisation's drafts, curators everything: the author can read what was stored.
        await db.Database.OpenConnectionAsync(ct);
        if (await DatasetJson.LoadAsync(db, id, viewer, clock, ct) is not { } created) return NotFound(id);
        http.Response.Headers.ETag = DatasetJson.ETag(created.Dataset);
        return TypedResults.Created($"/api/datasets/{id}", created.Json);
    }

    static async Task<IResult> Update(int id, HttpContext http, CatalogueDb db, IViewerAccessor viewers, IOptions<FootprintOptions> options,
        IOptions<JsonOptions> json, TimeProvider clock, CancellationToken ct)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length == 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match required",
                detail: $"Send the header If-Match with the ETag of GET /api/datasets/{id}, so a change made by someone else in between is not overwritten.");
        var (input, problem) = await JsonBody.ReadAsync<DatasetInput>(http.Request, options.Value.MaxBodyBytes, json.Value.SerializerOptions, ct);
        if (problem is not null) return problem;

        var viewer = viewers.Current(http);
        var dataset = await db.Datasets.VisibleTo(viewer).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (dataset is null) return NotFound(id);
        if (!DatasetPermissions.CanEdit(viewer, dataset)) return NotYourOrganisation();
        if (!IfMatch.Matches(http.Request, dataset.Version)) return Stale(id);
        var expected = dataset.Version;
        if (input!.HolderId is { } holder && !DatasetPermissions.CanWriteFor(viewer, holder)) return NotYourOrganisation();
        if (DatasetPermissions.CheckVisibility(viewer, input.Visibility, dataset.Visibility) is { } refused) return refused;

        await db.Database.OpenConnectionAsync(ct);
        var (draft, invalid) = await DatasetDraft.CheckAsync(input!, (NpgsqlConnection)db.Database.GetDbConnection(), options.Value, ct);
        if (invalid is not null) return invalid;
        if (!await DatasetWriter.UpdateAsync(db, dataset, expected, draft!, viewer, clock.GetUtcNow(), ct)) return Stale(id);

        db.ChangeTracker.Clear();
        var updated = await DatasetJson.LoadAsync(db, id, viewer, clock, ct);
        http.Response.Headers.ETag = DatasetJson.ETag(updated!.Value.Dataset);
        return TypedResults.Ok(updated.Value.Json);
    }

    static async Task<IResult> Delete(int id, HttpContext http, CatalogueDb db, IViewerAccessor viewers, TimeProvider clock, CancellationToken ct)
    {
        var viewer = viewers.Current(http);
        var dataset = await db.Datasets.VisibleTo(viewer).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (dataset is null) return NotFound(id);
        if (!DatasetPermissions.CanEdit(viewer, dataset)) return NotYourOrganisation();
        // If-Match is optional here: without it the delete applies to whatever is current.
        long? expected = http.Request.Headers.IfMatch.Count == 0 ? null : dataset.Version;
        if (expected is not null && !IfMatch.Matches(http.Request, dataset.Version)) return Stale(id);
        return await DatasetWriter.DeleteAsync(db, dataset, expected, viewer.Name, clock.GetUtcNow(), ct)
            ? TypedResults.NoContent()
            : Stale(id);
    }

    static IResult NotYourOrganisation() => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
        title: "Not your organisation's record",
        detail: "Members create and edit records only for their own organisation (holder_id); ask a curator to change another organisation's record.");

    public static IResult NotFound(int id) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Dataset not found",
        detail: $"No dataset {id} that you may see; it may have been deleted, or not be published yet. Search at GET /api/datasets?q=.");

    static IResult Stale(int id) => TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Changed by someone else",
        detail: $"Dataset {id} changed since you read it (If-Match does not match its ETag). GET it again, re-apply your edits and send them with the new ETag.");
}
