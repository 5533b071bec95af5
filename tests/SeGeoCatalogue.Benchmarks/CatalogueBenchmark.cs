using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Footprints;

namespace SeGeoCatalogue.Benchmarks;

/// <summary>
/// The catalogue at 10,000 records: create-with-footprint, preview, search (text, facets, pcode, bbox) and harvesting
/// (OGC dataset items against village tracts, DCAT pages, an export).
/// Seeds synthetic records set-based (generate_series) with picks at every level and footprints linked by
/// the same footprint_links function the API uses; re-running replaces them.
/// </summary>
public static class CatalogueBenchmark
{
    const int Records = 10_000;

    public static async Task<int> RunAsync(string[] args)
    {
        await using var host = await BenchmarkHost.StartAsync();
        var db = host.App.Services.GetRequiredService<NpgsqlDataSource>();
        var watch = Stopwatch.StartNew();
        var vt = args.Contains("--no-seed") ? await TractAsync(db) : await SeedAsync(db);
        Console.WriteLine(args.Contains("--no-seed") ? "measuring the records already there" : $"seeded {Records:N0} synthetic records in {watch.Elapsed.TotalSeconds:F1} s");
        var (holder, token) = await InventoryBenchmark.MemberAsync(host.App.Services);
        using var member = new HttpClient { BaseAddress = host.Client.BaseAddress };
        member.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        var disc = HotPathReport.Disc(97.63, 16.49, 0.14, 64); // ≈ 15 km around Mawlamyine
        var n = 0;
        await Timing.MeasureAsync("POST /api/datasets (15 km footprint disc)", 30, async () =>
        {
            var body = new JsonObject
            {
                ["title"] = $"[Bench] Household survey {++n}", ["holder_id"] = holder, ["sectors"] = new JsonArray("food-security"),
                ["availability"] = "public", ["area"] = new JsonObject { ["footprint"] = disc.DeepClone() },
            };
            (await member.PostAsJsonAsync("/api/datasets", body)).EnsureSuccessStatusCode();
        });
        await Timing.MeasureAsync("POST /api/footprints/preview (15 km disc)", 30, async () =>
            (await member.PostAsJsonAsync("/api/footprints/preview", new JsonObject { ["footprint"] = disc.DeepClone() })).EnsureSuccessStatusCode());

        string[] searches =
        [
            "/api/datasets",
            "/api/datasets?q=survey",
            "/api/datasets?q=survey&sort=relevance&sector=food-security",
            "/api/datasets?sector=wash&availability=public&level=village-tract",
            $"/api/datasets?pcode={vt}",
            "/api/datasets?pcode=MMR011001",
            "/api/datasets?bbox=97.5,16.3,97.8,16.6",
            "/api/datasets?q=school&pcode=MMR003&from=2012-01-01&to=2014-12-31&limit=200",
        ];
        foreach (var url in searches)
            await Timing.MeasureAsync($"GET {url}", 30, async () => (await host.Client.GetAsync(url)).EnsureSuccessStatusCode());

        // Harvesting and feature reads: each record's stored geometry against a page of village tracts of the same size.
        string[] harvests =
        [
            "/ogc/collections/village-tracts/items?limit=100",
            "/ogc/collections/datasets/items?limit=100",
            "/ogc/collections/village-tracts/items?limit=1000",
            "/ogc/collections/datasets/items?limit=1000",
            "/api/dcat",
            "/api/dcat?offset=9000",
            "/api/datasets/export?f=geojson&sector=wash",
        ];
        foreach (var url in harvests)
            await Timing.MeasureAsync($"GET {url}", 20, async () => (await host.Client.GetAsync(url)).EnsureSuccessStatusCode());
        return 0;
    }

    /// <summary>Replaces the synthetic records; returns a village tract that some records link.</summary>
    static async Task<string> SeedAsync(NpgsqlDataSource db)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var cmd = new NpgsqlCommand("""
            SELECT setseed(0.42);
            DELETE FROM datasets WHERE created_by = 'benchmark' OR title LIKE '[Bench]%';
            INSERT INTO organisations (name, acronym, type, active, created_at)
            SELECT 'Benchmark organisation ' || g, 'BO' || g, (ARRAY['un-agency','ingo','national-ngo','government','academic'])[1 + g % 5], true, now()
            FROM generate_series(1, 20) g ON CONFLICT (name) DO NOTHING;

            WITH o AS (SELECT array_agg(id ORDER BY id) a FROM organisations WHERE name LIKE 'Benchmark organisation %'),
                 t AS (SELECT array_agg(name_en ORDER BY pcode) a FROM admin_units WHERE level = 3)
            INSERT INTO datasets (title, summary, holder_id, source, sectors, indicators, disaggregation_level, methods, period_start, period_end,
                                  update_frequency, availability, formats, links, assessment_status, curation_state, visibility,
                                  footprint_sensitive, footprint_threshold, is_demo, created_by, created_at, updated_by, updated_at)
            SELECT (ARRAY['Household survey','Rapid assessment','Facility mapping','Market monitoring','Census tables','Key informant study','Village profiles','Protection monitoring'])[1 + i % 8]
                     || ', ' || t.a[1 + (i * 7) % array_length(t.a, 1)] || ' ' || (2010 + i % 6),
                   'Synthetic benchmark record ' || i || ': ' || (ARRAY['food consumption and coping strategies','schools, students and teachers','water points and latrines','road access and travel times','land use and disputes','migration and remittances'])[1 + i % 6],
                   o.a[1 + i % 20], (ARRAY['WFP household survey','2014 Census','Township offices','Field teams'])[1 + i % 4],
                   ARRAY[(ARRAY['physical','hazards','demographics','infrastructure','administration','services','wash','food-security','development-assistance','local-governance','economic','security-protection','land-natural-resources','justice','assessments'])[1 + i % 15],
                         (ARRAY['services','wash','food-security','economic'])[1 + i % 4]],
                   ARRAY[(ARRAY['Food Consumption Score','GER','Population','Water points','Schools','Road length'])[1 + i % 6]],
                   (ARRAY['state','district','township','village-tract','village','household','point'])[1 + i % 7],
                   ARRAY[(ARRAY['census','household-survey','key-informant-interviews','focus-groups','administrative-records','remote-sensing','gps-mapping','secondary-review'])[1 + i % 8]],
                   make_date(2010 + i % 5, 1 + i % 12, 1), make_date(2011 + i % 5, 1 + i % 12, 1), 'annual',
                   (ARRAY['public','public','members','on-request','not-available'])[1 + i % 5], ARRAY['xlsx'], '[]',
                   CASE WHEN i % 15 = 14 THEN (ARRAY['planned','ongoing','completed'])[1 + i % 3] END,
                   CASE WHEN i % 10 = 0 THEN 'draft' ELSE 'published' END, CASE WHEN i % 10 = 1 THEN 'network' ELSE 'public' END,
                   false, 0.05, false, 'benchmark', now() - i * interval '1 hour', 'benchmark', now() - i * interval '1 hour'
            FROM generate_series(1, @records) i, o, t;

            -- Links by kind: 40% townships, 20% states, 25% village tracts of one township, 15% footprints.
            WITH s AS (SELECT array_agg(pcode ORDER BY pcode) a FROM admin_units WHERE level = 1),
                 t AS (SELECT array_agg(pcode ORDER BY pcode) a FROM admin_units WHERE level = 3),
                 d AS (SELECT id, abs(hashint4(id)) h FROM datasets WHERE created_by = 'benchmark')
            INSERT INTO dataset_links (dataset_id, pcode, origin, share, edition_id)
            SELECT DISTINCT d.id, p, 'picked', NULL::double precision, (SELECT max(id) FROM boundary_editions)
            FROM d, s, t, LATERAL (
                SELECT unnest(ARRAY[t.a[1 + d.h % 79], t.a[1 + (d.h / 79) % 79]]) p WHERE d.id % 20 < 8
                UNION ALL SELECT s.a[1 + d.h % 7] WHERE d.id % 20 BETWEEN 8 AND 11
                UNION ALL (SELECT v.pcode FROM admin_units v WHERE v.level = 4 AND v.township_pcode = t.a[1 + d.h % 79] AND d.id % 20 BETWEEN 12 AND 16
                           ORDER BY v.pcode LIMIT 8)) x;

            WITH v AS (SELECT array_agg(pcode ORDER BY pcode) a FROM admin_units WHERE level = 4)
            UPDATE datasets d SET footprint = (SELECT ST_Multi(ST_Buffer(ST_PointOnSurface(u.geom)::geography, 5000 + abs(hashint4(d.id)) % 15000)::geometry)
                                               FROM admin_units u WHERE u.pcode = v.a[1 + abs(hashint4(d.id)) % array_length(v.a, 1)])
            FROM v WHERE d.created_by = 'benchmark' AND d.id % 20 >= 17;
            """, conn) { CommandTimeout = 1200 })
        {
            cmd.Parameters.AddWithValue("records", Records);
            await cmd.ExecuteNonQueryAsync();
        }
        await FootprintLinks.ReplaceAsync(conn, "d.created_by = 'benchmark' AND d.footprint IS NOT NULL", _ => { }, default);
        await DatasetUnits.RefreshWhereAsync(conn, "d.created_by = 'benchmark'");
        await tx.CommitAsync();
        await using (var analyse = new NpgsqlCommand("ANALYZE datasets; ANALYZE dataset_links; ANALYZE dataset_units;", conn)) await analyse.ExecuteNonQueryAsync();

        return await TractAsync(db);
    }

    /// <summary>The village tract most records link (with --no-seed, of the records already there).</summary>
    static async Task<string> TractAsync(NpgsqlDataSource db)
    {
        await using var pick = db.CreateCommand(
            "SELECT l.pcode FROM dataset_links l JOIN admin_units u USING (pcode) WHERE u.level = 4 GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1");
        return (string)(await pick.ExecuteScalarAsync())!;
    }
}
