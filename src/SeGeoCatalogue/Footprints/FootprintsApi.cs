using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Npgsql;
using SeGeoCatalogue.ApiDocs;
using SeGeoCatalogue.Shared;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace SeGeoCatalogue.Footprints;

public static class FootprintsApi
{
    public sealed record PreviewRequest(JsonElement? Footprint, double? Threshold, bool Repair = false);

    public static RouteGroupBuilder MapFootprints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/footprints").WithTags("Footprints");
        group.MapPost("/preview", Preview).WithSummary("The units a footprint would link and their shares, storing nothing").Accepts<PreviewRequest>("application/json").Produces<FootprintLinks.Preview>();
        group.MapPost("/read", Read).WithSummary("Read an uploaded footprint file (GeoJSON, zipped Shapefile, GeoPackage) into a polygon in WGS 84")
            .AcceptsUpload(new FormField("file", FootprintFileReader.SupportedFormats, IsFile: true, Required: true)).Produces<ReadResponse>();
        return group;
    }

    /// <summary>The units a footprint would link, without storing anything: the map calls it while a member draws.</summary>
    static async Task<IResult> Preview(HttpRequest request, NpgsqlDataSource db, IOptions<FootprintOptions> options,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        var limits = options.Value;
        var (body, problem) = await JsonBody.ReadAsync<PreviewRequest>(request, limits.MaxBodyBytes, json.Value.SerializerOptions, ct);
        if (problem is not null) return problem;

        var errors = new FieldErrors();
        var threshold = CheckThreshold(body!.Threshold, limits, "threshold", errors);
        if (body.Footprint is not { } geoJson)
            return errors.Add("footprint", "Send the footprint as a GeoJSON Polygon or MultiPolygon.").ToResult();
        var footprint = FootprintGeoJson.Read(geoJson, "footprint", errors, out var vertices);
        if (vertices > limits.MaxVertices) return TooManyVertices(vertices, limits);
        if (errors.Any) return errors.ToResult();

        await using var conn = await db.OpenConnectionAsync(ct);
        var checkedFootprint = await FootprintChecks.CheckAsync(conn, footprint!, body.Repair, "footprint", errors, ct);
        if (errors.Any) return errors.ToResult();
        return TypedResults.Ok(await FootprintLinks.PreviewAsync(conn, checkedFootprint!, threshold, ct));
    }

    public sealed record ReadResponse(NetTopologySuite.Geometries.Geometry Footprint, string? SourceCrs, int Vertices);

    /// <summary>An uploaded file (multipart field "file") → its footprint in lon/lat, for the editor to preview and save.</summary>
    static async Task<IResult> Read(HttpRequest request, IOptions<FootprintOptions> options, CancellationToken ct)
    {
        var limits = options.Value;
        if (request.ContentLength > limits.MaxBodyBytes) return UploadTooLarge(limits);
        if (!request.HasFormContentType)
            return new FieldErrors().Add("file", $"Upload the file as multipart/form-data in the field \"file\": {FootprintFileReader.SupportedFormats}.").ToResult();
        // A chunked body has no Content-Length: the server and the form reader both stop at the limit as the bytes arrive.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
            serverLimit.MaxRequestBodySize = limits.MaxBodyBytes;
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limits.MaxBodyBytes }, ct);
        }
        catch (InvalidDataException)
        {
            return UploadTooLarge(limits);
        }
        if (form.Files["file"] is not { } file)
            return new FieldErrors().Add("file", $"No file in the field \"file\"; upload {FootprintFileReader.SupportedFormats}.").ToResult();

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(TimeSpan.FromSeconds(limits.ReadSeconds));
        FootprintReadResult result;
        try
        {
            await using var content = file.OpenReadStream();
            result = FootprintFileReader.Read(file.FileName, content, limits.FileLimits, budget.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File takes too long to read",
                detail: $"file: reading it took longer than {limits.ReadSeconds} s. Save only the footprint layer, dissolved and simplified, in a new file and upload that.");
        }
        if (result.TooLarge)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Footprint too large",
                detail: string.Join(" ", result.Problems.Select(p => $"{p.Field}: {p.Message}")));
        if (!result.Ok)
        {
            var errors = new FieldErrors();
            foreach (var problem in result.Problems) errors.Add(problem.Field, problem.Message);
            return errors.ToResult();
        }
        return TypedResults.Ok(new ReadResponse(result.Geometry!, result.SourceCrs, result.Geometry!.NumPoints));
    }

    static IResult UploadTooLarge(FootprintOptions limits) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large",
        detail: $"file: the upload is larger than {limits.MaxBodyBytes / 1024 / 1024.0:0.#} MB; simplify the footprint first.");

    public static double CheckThreshold(double? threshold, FootprintOptions options, string field, FieldErrors errors)
    {
        var value = threshold ?? options.DefaultThreshold;
        if (value is <= 0 or > 1 || double.IsNaN(value))
            errors.Add(field, $"{value} is not a share of a unit's area; give a number above 0 and at most 1, e.g. 0.05 for 5%.");
        return value;
    }

    public static IResult TooManyVertices(int vertices, FootprintOptions options) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Footprint has too many vertices",
        detail: $"footprint: {vertices:N0} vertices is more than the {options.MaxVertices:N0} allowed; simplify the outline (e.g. in QGIS: Vector › Geometry Tools › Simplify) and send it again.");
}
