using Microsoft.Extensions.Caching.Memory;
using SeGeoCatalogue.ApiDocs;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Boundaries;

/// <summary>
/// GET /tiles/{level}/{z}/{x}/{y}.mvt: one level's boundaries as a Mapbox Vector Tile (ST_AsMVT), one layer named
/// after the level, each feature with its pcode as attribute and its digits as feature id. Two generalisation bands:
/// the stored display geometry (simplified at import as a coverage) up to <see cref="DetailZoom"/>, the full
/// geometry from there. Village tracts start at <see cref="VillageTractMinZoom"/> (an empty tile below it). Tiles
/// are kept in memory per boundary edition (bounded) and carry the edition as ETag (<see cref="BoundaryCaching"/>).
/// </summary>
public static class BoundaryTiles
{
    public const string MediaType = "application/vnd.mapbox-vector-tile";
    public const int MaxZoom = 16;
    public const int DetailZoom = 12;
    public const int VillageTractMinZoom = 8;

    // Bytes of tiles kept: enough for the SE at every zoom a planner uses, bounded whatever clients ask.
    static readonly MemoryCache Cache = new(new MemoryCacheOptions { SizeLimit = 64 * 1024 * 1024 });

    const string Sql = """
        WITH tile AS (SELECT ST_TileEnvelope(@z, @x, @y) AS box)
        SELECT ST_AsMVT(f, @layer, 4096, 'geom', 'id')
        FROM (
          SELECT NULLIF(regexp_replace(u.pcode, '\D', '', 'g'), '')::bigint AS id, u.pcode,
                 ST_AsMVTGeom(ST_Transform(CASE WHEN @z >= @detail_zoom THEN u.geom ELSE coalesce(u.display_geom, u.geom) END, 3857),
                              tile.box, 4096, 64, true) AS geom
          FROM admin_units u, tile
          WHERE u.level = @level AND u.retired_at IS NULL
            AND u.geom && ST_Transform(ST_Expand(tile.box, (ST_XMax(tile.box) - ST_XMin(tile.box)) * 64 / 4096), 4326)
        ) f
        WHERE f.geom IS NOT NULL
        """;

    public static IEndpointRouteBuilder MapBoundaryTiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/tiles/{level}/{z:int}/{x:int}/{y}", GetAsync).AddEndpointFilter<BoundaryCaching>()
            .WithTags("Boundaries").WithSummary("Boundary vector tiles (MVT) of one level, for maps").ProducesFormats([MediaType]);
        return app;
    }

    static async Task<IResult> GetAsync(string level, int z, int x, string y, HttpContext http, CatalogueReads reads, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (!AdminLevels.TryParse(level, out var parsed))
            errors.Add("level", $"'{level}' is not a level; use one of {AdminLevels.Choices}.");
        if (z is < 0 or > MaxZoom) errors.Add("z", $"Zoom {z} is out of range; use 0 to {MaxZoom}.");
        var size = z is >= 0 and <= MaxZoom ? 1 << z : 0;
        if (x < 0 || x >= size) errors.Add("x", $"Column {x} is not in zoom {z}; use 0 to {Math.Max(size - 1, 0)}.");
        var yText = y.EndsWith(".mvt", StringComparison.OrdinalIgnoreCase) ? y[..^4] : y;
        if (!int.TryParse(yText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var row) || row >= size)
            errors.Add("y", $"'{y}' is not a row of zoom {z}; write /tiles/{{level}}/{{z}}/{{x}}/{{y}}.mvt with y from 0 to {Math.Max(size - 1, 0)}.");
        if (errors.Any) return errors.ToResult();
        if (parsed == AdminLevel.VillageTract && z < VillageTractMinZoom) return Results.Bytes([], MediaType);

        var key = (BoundaryCaching.Edition(http), parsed, z, x, row);
        if (!Cache.TryGetValue(key, out byte[]? tile))
        {
            await using var cmd = reads.Boundaries.CreateCommand(Sql);
            cmd.Parameters.AddWithValue("z", z);
            cmd.Parameters.AddWithValue("x", x);
            cmd.Parameters.AddWithValue("y", row);
            cmd.Parameters.AddWithValue("level", (short)parsed);
            cmd.Parameters.AddWithValue("layer", parsed.ApiName());
            cmd.Parameters.AddWithValue("detail_zoom", DetailZoom);
            tile = (byte[]?)await cmd.ExecuteScalarAsync(ct) ?? [];
            Cache.Set(key, tile, new MemoryCacheEntryOptions { Size = Math.Max(tile.Length, 64) });
        }
        return Results.Bytes(tile!, MediaType);
    }
}
