using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using SeGeoCatalogue.ApiDocs;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Boundaries;

public static class AdminUnitsApi
{
    // Without geometry a page can be much longer: a client listing all village tracts needs ~2,600 rows. The document
    // states the larger maximum; with geometry a larger limit is clamped to 1,000.
    const string GeoJson = "application/geo+json";

    static QueryParameter Geometry(string defaultChoice) =>
        new("geometry", "Unit outlines: simplified (display), full or none.", () => Schemas.OneOf(AdminUnitSql.GeometryChoices, defaultChoice));

    static readonly QueryParameter Level = new("level", "Only units of this level.", () => Schemas.OneOf(AdminLevels.All.Select(l => l.ApiName())));
    static readonly PageBounds PageWithGeometry = new(100, 1000);
    static readonly PageBounds PageWithoutGeometry = new(100, 10_000);

    public static IEndpointRouteBuilder MapAdminUnits(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin-units").WithTags("Admin units");
        group.MapGet("/", List).AddEndpointFilter<BoundaryCaching>().WithMetadata(PageWithoutGeometry).WithSummary("Admin units as a paged FeatureCollection (level, parent, q, bbox, geometry)").ProducesFormats([GeoJson]).WithQuery([Level, Geometry("simplified")]);
        group.MapGet("/at", At).WithSummary("The units containing a lon/lat point, state down to village tract or ward").ProducesFormats([GeoJson]).WithQuery([Geometry("none")]);
        group.MapGet("/layers", Layers).WithSummary("Per state: unit counts per level and known gaps of each layer");
        group.MapGet("/{pcode}", Get).AddEndpointFilter<BoundaryCaching>().WithSummary("One admin unit by MIMU pcode").ProducesFormats([GeoJson]).WithQuery([Geometry("full")]);
        return app;
    }

    static async Task<IResult> List(
        HttpRequest request, CatalogueReads reads, CancellationToken ct,
        string? level = null, string? parent = null, string? q = null, string? bbox = null,
        string? geometry = null, int? limit = null, int? offset = null)
    {
        var db = reads.Boundaries;
        var errors = new FieldErrors();
        AdminLevel? parsedLevel = null;
        if (level is not null)
        {
            if (AdminLevels.TryParse(level, out var l)) parsedLevel = l;
            else errors.Add("level", $"'{level}' is not a level; use one of {AdminLevels.Choices}.");
        }
        BoundingBox? box = null;
        if (bbox is not null)
        {
            if (BoundingBox.TryParse(bbox, out var b, out var error)) box = b;
            else errors.Add("bbox", error);
        }
        var geometryMode = CheckGeometry(geometry, "simplified", errors);
        if (errors.Any) return errors.ToResult();

        var page = Paging.From(limit, offset, geometryMode == "none" ? PageWithoutGeometry : PageWithGeometry);
        var query = new StreamedQuery(db);
        query.Command.Parameters.AddWithValue("geometry", geometryMode);
        var filter = new AdminUnitFilter(parsedLevel, parent, q, box).ToSql(query.Command);

        var matched = (long)(await query.ScalarAsync($"SELECT count(*) FROM admin_units WHERE {filter}", ct))!;
        var notices = parsedLevel is { } missingLevel ? await MissingLayerNoticesAsync(db, missingLevel, parent, ct) : [];

        query.Command.CommandText = $"SELECT {AdminUnitSql.Feature} FROM admin_units WHERE {filter} ORDER BY level, pcode LIMIT @limit OFFSET @offset";
        query.Command.Parameters.AddWithValue("limit", page.Limit);
        query.Command.Parameters.AddWithValue("offset", page.Offset);
        var extra = notices.Count > 0 ? new Dictionary<string, object?> { ["notices"] = notices } : null;
        return new FeatureCollectionResult(query.TextRowsAsync(ct), matched,
            FeatureCollectionResult.PageLinks(request, page, matched), extra);
    }

    /// <summary>The API says so when a state in scope has no polygons at the level asked for.</summary>
    static async Task<List<string>> MissingLayerNoticesAsync(NpgsqlDataSource db, AdminLevel level, string? parent, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT format('No %s polygons are loaded for %s (%s).', @name, s.name_en, s.pcode)
            FROM admin_units s
            WHERE s.level = 1 AND s.retired_at IS NULL AND (@parent = '' OR s.pcode = left(@parent, 6))
              AND NOT EXISTS (SELECT 1 FROM admin_units u WHERE u.level = @level AND u.state_pcode = s.pcode AND u.retired_at IS NULL)
            ORDER BY s.pcode
            """);
        cmd.Parameters.AddWithValue("name", level.ApiName());
        cmd.Parameters.AddWithValue("parent", parent?.Trim().ToUpperInvariant() ?? "");
        cmd.Parameters.AddWithValue("level", (short)level);
        var notices = new List<string>();
        await using var rows = await cmd.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct)) notices.Add(rows.GetString(0));
        return notices;
    }

    static async Task<IResult> Get(string pcode, CatalogueReads reads, CancellationToken ct, string? geometry = null)
    {
        var db = reads.Boundaries;
        var errors = new FieldErrors();
        var geometryMode = CheckGeometry(geometry, "full", errors);
        if (errors.Any) return errors.ToResult();

        await using var cmd = db.CreateCommand($"SELECT {AdminUnitSql.Feature} FROM admin_units WHERE pcode = @pcode");
        cmd.Parameters.AddWithValue("geometry", geometryMode);
        cmd.Parameters.AddWithValue("pcode", pcode.Trim().ToUpperInvariant());
        return await cmd.ExecuteScalarAsync(ct) is string feature
            ? Results.Text(feature, "application/geo+json; charset=utf-8")
            : TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound, title: "Unknown pcode",
                detail: $"No admin unit has the pcode '{pcode}'. MIMU pcodes look like MMR011 (state), MMR011D001 (district), MMR011001 (township) or MMR011001001 (village tract); list them at /api/admin-units.");
    }

    static async Task<IResult> At(HttpRequest request, CatalogueReads reads, CancellationToken ct,
        string? lon = null, string? lat = null, string? geometry = null)
    {
        var db = reads.Boundaries;
        var errors = new FieldErrors();
        var x = Coordinate(lon, "lon", 180, errors);
        var y = Coordinate(lat, "lat", 90, errors);
        var geometryMode = CheckGeometry(geometry, "none", errors);
        if (errors.Any) return errors.ToResult();

        var query = new StreamedQuery(db);
        query.Command.CommandText = $"""
            SELECT {AdminUnitSql.Feature} FROM admin_units
            WHERE retired_at IS NULL AND geom && ST_SetSRID(ST_MakePoint(@x, @y), 4326)
              AND ST_Intersects(geom, ST_SetSRID(ST_MakePoint(@x, @y), 4326))
            ORDER BY level, pcode
            """;
        query.Command.Parameters.AddWithValue("geometry", geometryMode);
        query.Command.Parameters.AddWithValue("x", x);
        query.Command.Parameters.AddWithValue("y", y);
        return new FeatureCollectionResult(query.TextRowsAsync(ct), null,
            [new($"{request.Scheme}://{request.Host}{request.Path}{request.QueryString}", "self")]);
    }

    /// <summary>Per state: how many units each level has, and what the manifest says is missing.</summary>
    static async Task<Ok<List<StateLayers>>> Layers(NpgsqlDataSource db, CancellationToken ct)
    {
        var gaps = BoundaryFiles.Manifest().Values
            .SelectMany(f => (f.KnownGaps ?? []).Select(g => (State: g.Key, Note: $"{f.Layer}: {g.Value}")))
            .ToLookup(g => g.State, g => g.Note);
        await using var cmd = db.CreateCommand("""
            SELECT s.pcode, s.name_en, s.name_my,
                   count(*) FILTER (WHERE u.level = 2), count(*) FILTER (WHERE u.level = 3),
                   count(*) FILTER (WHERE u.level = 4), count(*) FILTER (WHERE u.level = 5)
            FROM admin_units s LEFT JOIN admin_units u ON u.state_pcode = s.pcode AND u.level > 1 AND u.retired_at IS NULL
            WHERE s.level = 1 AND s.retired_at IS NULL
            GROUP BY s.pcode, s.name_en, s.name_my ORDER BY s.pcode
            """);
        var states = new List<StateLayers>();
        await using var rows = await cmd.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
        {
            var pcode = rows.GetString(0);
            var counts = new Dictionary<string, long>
            {
                ["district"] = rows.GetInt64(3), ["township"] = rows.GetInt64(4),
                ["village-tract"] = rows.GetInt64(5), ["ward"] = rows.GetInt64(6),
            };
            var notes = gaps[pcode].Concat(counts.Where(c => c.Value == 0).Select(c => $"{c.Key}: no polygons loaded")).ToList();
            states.Add(new StateLayers(pcode, rows.IsDBNull(1) ? null : rows.GetString(1), rows.IsDBNull(2) ? null : rows.GetString(2), counts, notes));
        }
        return TypedResults.Ok(states);
    }

    public sealed record StateLayers(string Pcode, string? NameEn, string? NameMy, Dictionary<string, long> Units, List<string> Gaps);

    static string CheckGeometry(string? geometry, string fallback, FieldErrors errors)
    {
        var mode = string.IsNullOrWhiteSpace(geometry) ? fallback : geometry.Trim().ToLowerInvariant();
        if (!AdminUnitSql.GeometryChoices.Contains(mode))
            errors.Add("geometry", $"'{geometry}' is not a geometry choice; use simplified, full or none.");
        return mode;
    }

    static double Coordinate(string? text, string field, double limit, FieldErrors errors)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            errors.Add(field, $"Give {field} in decimal degrees, e.g. lon=97.63&lat=16.49.");
        else if (Math.Abs(value) > limit)
            errors.Add(field, $"{field} must lie between -{limit} and {limit} degrees (is lon/lat swapped?).");
        return value;
    }
}
