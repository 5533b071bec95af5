using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace SeGeoCatalogue.Benchmarks;

/// <summary>
/// The hot paths beside coverage: search with facets, footprint preview and an uncached vector tile — the service over
/// HTTP against hand-written SQL doing the same work in the plainest way (full polygons, the public's rule written out,
/// no stored helpers), and the ratio SQL / service. Prints Markdown rows that continue <see cref="CountingReport"/>'s table.
/// </summary>
public static class HotPathReport
{
    const string PlainSearch = """
        WITH hits AS (SELECT * FROM datasets d WHERE d.curation_state = 'published' AND d.visibility = 'public' AND d.sectors && ARRAY['wash'])
        SELECT (SELECT count(*) FROM hits),
               (SELECT json_agg(p) FROM (SELECT id, title, summary, sectors, ST_Extent(geometry) b FROM hits GROUP BY id, title, summary, sectors, updated_at ORDER BY updated_at DESC LIMIT 20) p),
               (SELECT json_agg(f) FROM (SELECT v, count(*) FROM datasets d, unnest(d.sectors) v WHERE d.curation_state = 'published' AND d.visibility = 'public' GROUP BY v) f),
               (SELECT json_agg(f) FROM (SELECT holder_id, count(*) FROM hits GROUP BY 1) f),
               (SELECT json_agg(f) FROM (SELECT v, count(*) FROM hits, unnest(indicators) v GROUP BY v ORDER BY 2 DESC LIMIT 50) f),
               (SELECT json_agg(f) FROM (SELECT disaggregation_level, count(*) FROM hits GROUP BY 1) f),
               (SELECT json_agg(f) FROM (SELECT v, count(*) FROM hits, unnest(methods) v GROUP BY v) f),
               (SELECT json_agg(f) FROM (SELECT availability, count(*) FROM hits GROUP BY 1) f),
               (SELECT json_agg(f) FROM (SELECT assessment_status, count(*) FROM hits GROUP BY 1) f)
        """;

    const string PlainPreview = """
        SELECT u.pcode, ST_Area(ST_Intersection(u.geom, f.g)::geography) / ST_Area(u.geom::geography)
        FROM admin_units u, (SELECT ST_SetSRID(ST_GeomFromGeoJSON(@g), 4326) g) f
        WHERE u.retired_at IS NULL AND u.level >= 3 AND ST_Intersects(u.geom, f.g)
        """;

    const string PlainTile = """
        SELECT ST_AsMVT(t, 'village-tract', 4096, 'geom')
        FROM (SELECT u.pcode, ST_AsMVTGeom(ST_Transform(u.geom, 3857), ST_TileEnvelope(@z, @x, @y), 4096, 64) geom
              FROM admin_units u WHERE u.level = 4 AND u.retired_at IS NULL
                AND ST_Intersects(ST_Transform(u.geom, 3857), ST_TileEnvelope(@z, @x, @y))) t
        """;

    public static async Task RunAsync(BenchmarkHost host, NpgsqlDataSource db)
    {
        var (_, token) = await InventoryBenchmark.MemberAsync(host.App.Services);
        using var member = new HttpClient { BaseAddress = host.Client.BaseAddress };
        member.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        await RowAsync("search, sector=wash, with facets",
            async () => (await host.Client.GetAsync("/api/datasets?sector=wash")).EnsureSuccessStatusCode(),
            () => ExecuteAsync(db, PlainSearch));

        var disc = Disc(97.63, 16.49, 0.14, 64);
        await RowAsync("footprint preview, 15 km disc",
            async () => (await member.PostAsJsonAsync("/api/footprints/preview", new JsonObject { ["footprint"] = disc.DeepClone() })).EnsureSuccessStatusCode(),
            () => ExecuteAsync(db, PlainPreview, ("g", disc.ToJsonString())));

        var tiles = ScatteredTiles.Over(await ScatteredTiles.ExtentAsync(db, "level = 4"), 12, 200);
        var (service, plain) = (0, 0);
        await RowAsync("village-tract tile z 12, uncached",
            async () =>
            {
                var (x, y) = tiles[service++ % tiles.Count];
                (await host.Client.GetAsync($"/tiles/village-tract/12/{x}/{y}.mvt")).EnsureSuccessStatusCode();
            },
            () =>
            {
                var (x, y) = tiles[plain++ % tiles.Count];
                return ExecuteAsync(db, PlainTile, ("z", 12), ("x", x), ("y", y));
            });
    }

    static async Task RowAsync(string name, Func<Task> service, Func<Task> plainSql)
    {
        var (median, p95) = await Timing.MeasureAsync(name, 20, service, warmup: 2);
        var sql = (await Timing.MeasureAsync($"{name} (plain SQL)", 20, plainSql, warmup: 2)).Median;
        Console.WriteLine($"| {name} | {median:F1} / {p95:F1} | — | — | {sql:F0} | {sql / median:F1}× |");
    }

    static async Task ExecuteAsync(NpgsqlDataSource db, string sql, params (string Name, object Value)[] parameters)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) { }
    }

    internal static JsonObject Disc(double lon, double lat, double radius, int points)
    {
        var ring = new JsonArray();
        for (var i = 0; i <= points; i++)
        {
            var a = 2 * Math.PI * (i % points) / points;
            ring.Add(new JsonArray(Math.Round(lon + radius * Math.Cos(a), 6), Math.Round(lat + radius * Math.Sin(a) * 0.96, 6)));
        }
        return new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(ring) };
    }
}
