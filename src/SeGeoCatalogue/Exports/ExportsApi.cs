using Npgsql;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Boundaries;
using SeGeoCatalogue.Datasets;
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
        new("pcode", "pcode", "pcode"),
        new("level", "level", AdminUnitSql.LevelName),
        new("unit_type", "unit_type", "unit_type"),
        new("name_en", "name_en", "name_en"),
        new("name_my", "name_my", "name_my"),
        new("parent_pcode", "parent", "parent_pcode"),
        new("state_pcode", "state", "state_pcode"),
        new("district_pcode", "district", "district_pcode"),
        new("township_pcode", "township", "township_pcode"),
        new("area_km2", "area_km2", "round(area_km2::numeric, 3)::float8", ExportType.Double),
    ];

    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Downloads");
        group.MapGet("/datasets/export", Datasets)
            .WithSummary("Download the visible records matching a search")
            .WithDescription("f=geojson|csv|gpkg|shp plus any filter of GET /api/datasets (q, sector, indicator, holder, level, method, availability, status, pcode, bbox, from, to).");
        group.MapGet("/admin-units/export", AdminUnits)
            .WithSummary("Download one level of admin units with full geometry")
            .WithDescription("level=state|district|township|village-tract|ward, f=geojson|csv|gpkg|shp. Source: MIMU.");
        return group;
    }

    static async Task<IResult> Datasets(HttpContext http, NpgsqlDataSource db, IViewerAccessor viewers, TimeProvider clock,
        CancellationToken ct, string? f = null)
    {
        var errors = new FieldErrors();
        var format = ExportFormat.Parse(f, errors);
        var filter = DatasetFilter.FromQuery(http.Request.Query, errors, clock);
        if (errors.Any) return errors.ToResult();

        var viewer = viewers.Current(http);
        var fileName = ExportFileName.For("datasets", http.Request.Query, format, clock);
        var query = new StreamedQuery(db);
        var where = filter.ToSql(query.Command, viewer);
        var columns = format == ExportFormat.GeoJson ? DatasetRecords.FeatureJson : ExportRows.Columns(DatasetLayer, "g.geom");
        query.Command.CommandText = DatasetRecords.Select(columns, where, query.Command, viewer) + "\nORDER BY d.id";
        return await Respond(http, query, format, DatasetLayer, fileName, clock, ct);
    }

    static async Task<IResult> AdminUnits(HttpContext http, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct,
        string? level = null, string? f = null)
    {
        var errors = new FieldErrors();
        var format = ExportFormat.Parse(f, errors);
        if (!AdminLevels.TryParse(level, out var parsed))
            errors.Add("level", $"'{level}' is not a level; use one of {AdminLevels.Choices}.");
        if (errors.Any) return errors.ToResult();

        var layer = new ExportLayer(parsed.ApiName().Replace('-', '_') + "s", AdminUnitFields, MimuAttribution);
        var columns = format == ExportFormat.GeoJson ? AdminUnitSql.Feature : ExportRows.Columns(layer, "geom");
        var query = new StreamedQuery(db);
        query.Command.CommandText = $"SELECT {columns} FROM admin_units WHERE retired_at IS NULL AND level = @level ORDER BY pcode";
        query.Command.Parameters.AddWithValue("level", (short)parsed);
        query.Command.Parameters.AddWithValue("geometry", "full");
        return await Respond(http, query, format, layer, ExportFileName.For("admin-units", http.Request.Query, format, clock), clock, ct);
    }

    /// <summary>Runs <paramref name="query"/> and sends its rows in <paramref name="format"/>.</summary>
    static async Task<IResult> Respond(HttpContext http, StreamedQuery query, ExportFormat format, ExportLayer layer,
        string fileName, TimeProvider clock, CancellationToken ct)
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
            return Results.Stream(body => query.ReadAsync(rows => CsvExport.WriteAsync(layer, rows, body, ct), ct),
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
