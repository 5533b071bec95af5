using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Npgsql;
using SeGeoCatalogue.ApiDocs;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Footprints;
using SeGeoCatalogue.Shared;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace SeGeoCatalogue.Inventory;

/// <summary>The network's inventory round as a spreadsheet: the template to fill, and the upload (dry run, then commit).</summary>
public static class InventoryApi
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static RouteGroupBuilder MapInventory(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/inventory").WithTags("Inventory");
        group.MapGet("/template.xlsx", Template)
            .WithSummary("The inventory workbook to fill: Records with drop-downs, Admin units, Read me")
            .ProducesFormats([XlsxType]);
        group.MapPost("/", Upload)
            .WithSummary("Load a filled workbook (or CSV): a dry run unless commit=true")
            .WithDescription("multipart field 'file' (.xlsx or .csv with the Records columns); commit=true applies all rows in one transaction or none.")
            .AcceptsUpload(new FormField("file", ".xlsx or .csv with the Records columns", IsFile: true, Required: true),
                new FormField("commit", "true applies every row in one transaction (also as a query parameter); a dry run otherwise."))
            .WithQuery([new QueryParameter("commit", "true applies every row in one transaction; a dry run otherwise.", () => Schemas.OneOf(["true", "false"], "false"))])
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).Produces<InventoryReport>();
        return group;
    }

    static async Task<IResult> Template(NpgsqlDataSource db, IOptions<InventoryOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"segeo-{Guid.NewGuid():N}.xlsx");
        try
        {
            await using (var conn = await db.OpenConnectionAsync(ct))
            await using (var file = File.Create(path))
                await InventoryWorkbook.WriteAsync(file, conn, options.Value.MaxRows, _ => Task.CompletedTask, ct);
            return SendAndDelete(path, $"segeo-inventory-template-{clock.GetUtcNow():yyyy-MM-dd}.xlsx");
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Sends a temporary file and deletes it once sent (or abandoned).</summary>
    public static IResult SendAndDelete(string path, string fileName)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        return Results.File(file, XlsxType, fileName);
    }

    static async Task<IResult> Upload(HttpRequest request, CatalogueDb db, IViewerAccessor viewers, IOptions<InventoryOptions> options,
        IOptions<FootprintOptions> footprints, IOptions<JsonOptions> json, TimeProvider clock, CancellationToken ct)
    {
        var limits = options.Value;
        var maxBytes = footprints.Value.MaxBodyBytes;
        if (request.ContentLength > maxBytes) return UploadTooLarge(maxBytes);
        if (!request.HasFormContentType)
            return new FieldErrors().Add("file", "Upload the workbook as multipart/form-data in the field \"file\" (.xlsx, or .csv with the same columns).").ToResult();
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
            serverLimit.MaxRequestBodySize = maxBytes;
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = maxBytes }, ct);
        }
        catch (InvalidDataException)
        {
            return UploadTooLarge(maxBytes);
        }
        var commitText = request.Query["commit"].ToString() is { Length: > 0 } q ? q : form["commit"].ToString();
        bool commit;
        switch (commitText.Trim().ToLowerInvariant())
        {
            case "" or "false" or "0": commit = false; break;
            case "true" or "1": commit = true; break;
            default: return new FieldErrors().Add("commit", $"'{commitText}' is not true or false; leave it out for a dry run, commit=true to apply.").ToResult();
        }
        if (form.Files["file"] is not { } file)
            return new FieldErrors().Add("file", "No file in the field \"file\"; upload the filled template (.xlsx) or a CSV with its columns.").ToResult();

        UploadedTable table;
        try
        {
            var bytes = new byte[file.Length];
            await using (var content = file.OpenReadStream()) await content.ReadExactlyAsync(bytes, ct);
            if (WorkbookTable.LooksLikeZip(bytes)) table = WorkbookTable.Read(bytes, limits.MaxRows, limits.MaxUnpackedBytes);
            else if (file.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || file.ContentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
                table = CsvTable.Read(bytes, limits.MaxRows);
            else
                return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Not an Excel workbook",
                    detail: $"file: '{file.FileName}' is neither an .xlsx workbook nor a CSV. Save the inventory as Excel Workbook (.xlsx) and upload that.");
        }
        catch (UnreadableUploadException unreadable)
        {
            return TypedResults.Problem(statusCode: unreadable.Status, title: unreadable.Title, detail: unreadable.Message);
        }

        var viewer = viewers.Current(request.HttpContext);
        var import = new InventoryImport(db, viewer, footprints.Value, json.Value.SerializerOptions);
        var (report, stale) = await import.RunAsync(table, commit, clock.GetUtcNow(), ct);
        if (!commit) return TypedResults.Ok(report);
        if (report.Committed) return TypedResults.Ok(report);
        return TypedResults.Problem(statusCode: stale ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity,
            title: "Nothing was stored",
            detail: stale
                ? "A record in the workbook changed while it was being loaded; nothing was stored. Upload it again for a new dry run."
                : $"{report.Problems.Count:N0} problems in the workbook (the first: {report.Problems[0].Text}); nothing was stored. Fix them and upload again.",
            extensions: new Dictionary<string, object?> { ["report"] = report });
    }

    static IResult UploadTooLarge(long maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large",
        detail: $"file: the upload is larger than {maxBytes / 1024 / 1024.0:0.#} MB; split the inventory into smaller workbooks.");
}
