using Npgsql;
using SeGeoCatalogue.ApiDocs;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Boundaries;
using Microsoft.Extensions.Options;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Inventory;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Exports;

/// <summary>Downloads of the catalogue (any search) and of the boundaries, as GeoJSON, CSV, GeoPackage or zipped Shapefile.</summary>
public static class ExportsApi
{
    public const string MimuAttribution =
        "Boundaries: Source: MIMU (Myanmar Information Management Unit). Attribution to MIMU is required; check MIMU's terms before redistribution.";

    static readonly ExportLayer DatasetLayer = new("datasets", DatasetRecords.Fields,
        $"SE Data Network catalogue records. Geometries without a drawn footprint are unions of admin units (their simplified display geometry). {MimuAttribution}");

    static readonly IReadOnlyList<ExportField> AdminUnitFields =
    [
        new("pcode", "pcode", "pcode", Hxl: "#adm+code"),
        new("level", "level", AdminUnitSql.LevelName, Hxl: "#meta+level"),
        new("unit_type", "unit_type", "unit_type", Hxl: "#meta+type"),
        new("name_en", "name_en", "name_en", Hxl: "#adm+name+i_en"),
        new("name_my", "name_my", "name_my", Hxl: "#adm+name+i_my"),
        new("parent_pcode", "parent", "parent_pcode", Hxl: "#adm+code+parent"),
        new("state_pcode", "state", "state_pcode", Hxl: "#adm1+code"),
        new("district_pcode", "district", "district_pcode", Hxl: "#adm2+code"),
        new("township_pcode", "township", "township_pcode", Hxl: "#adm3+code"),
        new("area_km2", "area_km2", "round(area_km2::numeric, 3)::float8", ExportType.Double, "#meta+area_km2"),
    ];

    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Downloads");
        group.MapGet("/datasets/export", Datasets)
            .WithSummary("Download the visible records matching a search")
            .WithDescription("f=geojson|csv|gpkg|shp|xlsx plus any filter of GET /api/datasets (q, sector, indicator, holder, level, method, availability, status, pcode, bbox, from, to). " +
                             "xlsx has the inventory workbook's columns (edit and upload to /api/inventory); hxl=1 adds an HXL hashtag row (and state/township pcodes) to CSV.")
            .WithQuery([ExportFormat.Parameter(ExportFormat.Records), HxlParameter], DatasetFilter.Parameters())
            .ProducesFormats(ExportFormat.Records.Select(f => f.ContentType));
        group.MapGet("/admin-units/export", AdminUnits)
            .WithSummary("Download one level of admin units with full geometry")
            .WithDescription("level=state|district|township|village-tract|ward, f=geojson|csv|gpkg|shp; hxl=1 adds an HXL hashtag row to CSV. Source: MIMU.")
            .WithQuery([ExportFormat.Parameter(ExportFormat.All), HxlParameter]).ProducesFormats(ExportFormat.All.Select(f => f.ContentType));
        return group;
    }

    static async Task<IResult> Datasets(HttpContext http, CatalogueReads reads, IViewerAccessor viewers, IOptions<InventoryOptions> inventory,
        TimeProvider clock, CancellationToken ct, string? f = null, string? hxl = null)
    {
        var errors = new FieldErrors();
        var format = ExportFormat.Parse(f, errors, ExportFormat.Records);
        var withHxl = Hxl(hxl, format, errors);
        var filter = DatasetFilter.FromQuery(http.Request.Query, errors, clock);
        if (errors.Any) return errors.ToResult();

        var viewer = viewers.Current(http);
        var db = reads.For(viewer);
        var fileName = ExportFileName.For("datasets", http.Request.Query, format, clock);
        if (format == ExportFormat.Xlsx) return await InventoryXlsx(db, viewer, filter, inventory.Value.MaxRows, fileName, ct);
        var layer = withHxl ? DatasetLayer with { Fields = [.. DatasetLayer.Fields, .. DatasetRecords.HxlAdminFields] } : DatasetLayer;
        var query = new StreamedQuery(db);
        var where = filter.ToSql(query.Command, viewer);
        var columns = format == ExportFormat.GeoJson ? DatasetRecords.FeatureJson : ExportRows.Columns(layer, "g.geom");
        query.Command.CommandText = DatasetRecords.Select(columns, where, query.Command, viewer) + "\nORDER BY d.id";
        return await Respond(http, query, format, layer, fileName, clock, ct, withHxl);
    }

    static readonly QueryParameter HxlParameter = new("hxl", "1 or true (CSV only): add the HXL hashtag row.",
        () => Schemas.OneOf(["1", "true", "0", "false"]));

    /// <summary>hxl=1 (or true) asks CSV for the HXL hashtag row; other formats have no place for it.</summary>
    static bool Hxl(string? hxl, ExportFormat format, FieldErrors errors)
    {
        switch (hxl?.Trim().ToLowerInvariant())
        {
            case null or "" or "0" or "false": return false;
            case "1" or "true" when format == ExportFormat.Csv: return true;
            case "1" or "true":
                errors.Add("hxl", "The HXL hashtag row is for CSV downloads; add f=csv or leave hxl out.");
                return false;
            default:
                errors.Add("hxl", $"'{hxl}' is not 1 or 0; hxl=1 adds the HXL hashtag row.");
                return false;
        }
    }

    /// <summary>The visible records of the search as the inventory workbook (the template's columns), to edit and upload again.</summary>
    static async Task<IResult> InventoryXlsx(NpgsqlDataSource db, Viewer viewer, DatasetFilter filter, int maxRows, string fileName, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"segeo-{Guid.NewGuid():N}.xlsx");
        try
        {
            await using (var conn = await db.OpenConnectionAsync(ct))
            await using (var file = File.Create(path))
            {
                await using var cmd = new NpgsqlCommand { Connection = conn };
                var where = filter.ToSql(cmd, viewer);
                await InventoryWorkbook.WriteAsync(file, conn, maxRows, sheet => InventoryWorkbook.WriteRecordsAsync(sheet, cmd, where, viewer, ct), ct);
            }
            return InventoryApi.SendAndDelete(path, fileName);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    static async Task<IResult> AdminUnits(HttpContext http, CatalogueReads reads, TimeProvider clock, CancellationToken ct,
        string? level = null, string? f = null, string? hxl = null)
    {
        var db = reads.Boundaries;
        var errors = new FieldErrors();
        var format = ExportFormat.Parse(f, errors);
        var withHxl = Hxl(hxl, format, errors);
        if (!AdminLevels.TryParse(level, out var parsed))
            errors.Add("level", $"'{level}' is not a level; use one of {AdminLevels.Choices}.");
        if (errors.Any) return errors.ToResult();

        var layer = new ExportLayer(parsed.ApiName().Replace('-', '_') + "s", AdminUnitFields, MimuAttribution);
        var columns = format == ExportFormat.GeoJson ? AdminUnitSql.Feature : ExportRows.Columns(layer, "geom");
        var query = new StreamedQuery(db);
        query.Command.CommandText = $"SELECT {columns} FROM admin_units WHERE retired_at IS NULL AND level = @level ORDER BY pcode";
        query.Command.Parameters.AddWithValue("level", (short)parsed);
        query.Command.Parameters.AddWithValue("geometry", "full");
        return await Respond(http, query, format, layer, ExportFileName.For("admin-units", http.Request.Query, format, clock), clock, ct, withHxl);
    }

    /// <summary>Runs <paramref name="query"/> and sends its rows in <paramref name="format"/>.</summary>
    static async Task<IResult> Respond(HttpContext http, StreamedQuery query, ExportFormat format, ExportLayer layer,
        string fileName, TimeProvider clock, CancellationToken ct, bool hxl = false)
    {
        if (format == ExportFormat.GeoJson)
        {
            // Streamed: each row leaves PostGIS as Feature text and goes straight to the client.
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
            var self = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}{http.Request.QueryString}";
            return new FeatureCollectionResult(query.TextRowsAsync(ct), null, [new(self, "self")],
                new Dictionary<string, object?> { ["name"] = layer.Name, ["attribution"] = layer.Attribution });
        }
        if (format == ExportFormat.Csv)
            return Results.Stream(body => query.ReadAsync(rows => CsvExport.WriteAsync(layer, rows, body, ct, hxl), ct),
                format.ContentType, fileName);

        // GeoPackage and Shapefile need a file: rows go from PostGIS into it one by one, then the file is sent and deleted.
        var path = Path.Combine(Path.GetTempPath(), $"segeo-{Guid.NewGuid():N}.{format.Extension}");
        try
        {
            await query.ReadAsync(rows => format == ExportFormat.GeoPackage
                ? GeoPackageExport.WriteAsync(layer, rows, path, clock.GetUtcNow(), ct)
                : ShapefileExport.WriteAsync(layer, rows, path, ct), ct);
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024,
                FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            return Results.File(file, format.ContentType, fileName);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }
}
