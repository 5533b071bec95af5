using System.Globalization;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.Benchmarks;

/// <summary>
/// Coverage, gaps and grid over N synthetic records (--records, default 10000) linked to the real wider-SE units
/// (with --national also to the national synthetic release, 18 more states, imported once if missing):
/// ~60 % lists of 5–40 village tracts, 25 % 1–6 townships, 10 % whole states, 5 % footprints as village-tract links;
/// 1–3 sectors each; varied levels, periods, availability and visibility. Seeded set-based, then DatasetUnits.RefreshAllAsync.
/// It empties the catalogue tables of the database it is given (its own, e.g. segeo_coverage_bench);
/// --no-seed measures the records already there instead (seeding 100,000 takes minutes). What it prints:
/// <see cref="CountingReport"/>, then <see cref="HotPathReport"/>'s rows.
/// </summary>
public static class CoverageBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var records = 10_000;
        for (var i = 0; i < args.Length - 1; i++)
            if (args[i] == "--records") records = int.Parse(args[i + 1], CultureInfo.InvariantCulture);

        await using var host = await BenchmarkHost.StartAsync();
        var db = host.App.Services.GetRequiredService<NpgsqlDataSource>();
        if (args.Contains("--national")) await ReleaseBenchmark.NationalAsync(host);
        var watch = Stopwatch.StartNew();
        await using (var conn = await db.OpenConnectionAsync())
        {
            if (!args.Contains("--no-seed")) await SeedAsync(conn, records);
            // Index-only scans need the visibility map, as autovacuum would leave it.
            await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE datasets, dataset_links, dataset_units", conn) { CommandTimeout = 1800 };
            await vacuum.ExecuteNonQueryAsync();
            await using var count = new NpgsqlCommand("SELECT (SELECT count(*) FROM datasets), (SELECT count(*) FROM dataset_links), (SELECT count(*) FROM dataset_units)", conn);
            await using var rows = await count.ExecuteReaderAsync();
            await rows.ReadAsync();
            Console.WriteLine($"{rows.GetInt64(0):N0} records, {rows.GetInt64(1):N0} links, {rows.GetInt64(2):N0} normalised rows (seeded and vacuumed in {watch.Elapsed.TotalSeconds:F0} s)");
        }

        await CountingReport.RunAsync(host, db);
        await HotPathReport.RunAsync(host, db);
        return 0;
    }

    /// <summary>
    /// Coverage reads no record geometry: the records' outline trigger (a union per record, many minutes at 100,000) is
    /// off while the seed runs, so the seeded records have none.
    /// </summary>
    static async Task SeedAsync(NpgsqlConnection conn, int records)
    {
        await using (var off = new NpgsqlCommand("ALTER TABLE dataset_units DISABLE TRIGGER dataset_units_geometry_insert", conn)) await off.ExecuteNonQueryAsync();
        try
        {
            await SeedRecordsAsync(conn, records);
        }
        finally
        {
            await using var on = new NpgsqlCommand("ALTER TABLE dataset_units ENABLE TRIGGER dataset_units_geometry_insert", conn);
            await on.ExecuteNonQueryAsync();
        }
    }

    static async Task SeedRecordsAsync(NpgsqlConnection conn, int records)
    {
        await using var tx = await conn.BeginTransactionAsync();
        await using (var seed = new NpgsqlCommand("SELECT setseed(0.2026)", conn, tx)) await seed.ExecuteNonQueryAsync();
        await using (var seed = new NpgsqlCommand(SeedSql.Replace("@records", records.ToString(CultureInfo.InvariantCulture)), conn, tx) { CommandTimeout = 1800 })
            await seed.ExecuteNonQueryAsync();
        await DatasetUnits.RefreshAllAsync(conn);
        await tx.CommitAsync();
    }

    const string SeedSql = """
        TRUNCATE dataset_changes, dataset_units, dataset_links, datasets RESTART IDENTITY CASCADE;
        INSERT INTO organisations (name, acronym, type, active, created_at)
        SELECT 'Benchmark organisation ' || o, 'BO' || o, 'ingo', true, now() FROM generate_series(1, 40) o
        ON CONFLICT (name) DO NOTHING;

        CREATE TEMP TABLE orgs ON COMMIT DROP AS SELECT (row_number() OVER (ORDER BY id))::int - 1 AS n, id FROM organisations;
        CREATE TEMP TABLE plan ON COMMIT DROP AS
        SELECT g, random() AS v, random() AS u1, random() AS u2, random() AS u3, random() AS u4, random() AS u5, random() AS u6,
               floor(random() * 1e6)::int AS pick
        FROM generate_series(1, @records) g;

        INSERT INTO datasets (id, title, summary, holder_id, sectors, indicators, disaggregation_level, methods,
                              period_start, period_end, availability, formats, links, curation_state, visibility,
                              footprint_sensitive, footprint_threshold, is_demo, created_by, created_at, updated_by, updated_at)
        OVERRIDING SYSTEM VALUE
        SELECT p.g, 'Benchmark dataset ' || lpad(p.g::text, 6, '0') || ' ' || (ARRAY['survey','census','mapping','assessment','registry'])[1 + p.g % 5],
               NULL, o.id,
               (SELECT array_agg(DISTINCT s.codes[1 + (p.pick / k) % 15])
                FROM (SELECT ARRAY['physical','hazards','demographics','infrastructure','administration','services','wash','food-security',
                                   'development-assistance','local-governance','economic','security-protection','land-natural-resources','justice','assessments'] AS codes) s,
                     generate_series(1, 1 + floor(p.u1 * 3)::int) k),
               ARRAY['Indicator ' || (p.pick % 30)],
               CASE WHEN p.v < 0.60 THEN (ARRAY['village-tract','village-tract','village-tract','village','household','point'])[1 + p.pick % 6]
                    WHEN p.v < 0.85 THEN 'township'
                    WHEN p.v < 0.95 THEN (ARRAY['state','township'])[1 + p.pick % 2]
                    END,
               ARRAY[(ARRAY['census','household-survey','key-informant-interviews','focus-groups','administrative-records','remote-sensing','gps-mapping','secondary-review','other'])[1 + p.pick % 9]],
               CASE WHEN p.u2 < 0.1 THEN NULL ELSE make_date(2010 + floor(p.u2 * 16)::int, 1 + p.pick % 12, 1) END,
               CASE WHEN p.u2 < 0.1 THEN NULL ELSE make_date(2010 + floor(p.u2 * 16)::int, 1 + p.pick % 12, 1) + (30 + floor(p.u3 * 1000))::int END,
               (ARRAY['public','members','on-request','not-available'])[1 + floor(p.u4 * 4)::int],
               '{}', '[]',
               CASE WHEN p.u5 < 0.85 THEN 'published' WHEN p.u5 < 0.95 THEN 'submitted' ELSE 'draft' END,
               CASE WHEN p.u6 < 0.70 THEN 'public' WHEN p.u6 < 0.90 THEN 'network' ELSE 'private' END,
               false, 0.05, false, 'benchmark', now(), 'benchmark', now()
        FROM plan p JOIN orgs o ON o.n = p.g % 40;
        SELECT setval(pg_get_serial_sequence('datasets', 'id'), (SELECT max(id) FROM datasets));

        -- Random orders of the units, so each record's units are a contiguous run of one order.
        CREATE TEMP TABLE vt_order ON COMMIT DROP AS
        SELECT district_pcode, township_pcode, pcode,
               (row_number() OVER (PARTITION BY district_pcode ORDER BY random()))::int - 1 AS rn_district,
               (row_number() OVER (PARTITION BY township_pcode ORDER BY random()))::int - 1 AS rn_township,
               count(*) OVER (PARTITION BY district_pcode) AS n_district, count(*) OVER (PARTITION BY township_pcode) AS n_township
        FROM admin_units WHERE level IN (4, 5) AND retired_at IS NULL;
        CREATE TEMP TABLE ts_order ON COMMIT DROP AS
        SELECT pcode, district_pcode, (row_number() OVER (ORDER BY random()))::int - 1 AS rn FROM admin_units WHERE level = 3 AND retired_at IS NULL;
        CREATE TEMP TABLE st_order ON COMMIT DROP AS
        SELECT pcode, (row_number() OVER (ORDER BY pcode))::int - 1 AS rn FROM admin_units WHERE level = 1 AND retired_at IS NULL;
        CREATE TEMP TABLE edition ON COMMIT DROP AS SELECT max(id) AS id FROM boundary_editions;

        -- 60 %: lists of 5–40 village tracts (and wards) of one district (picked).
        INSERT INTO dataset_links (dataset_id, pcode, origin, share, edition_id)
        SELECT p.g, v.pcode, 'picked', NULL, (SELECT id FROM edition)
        FROM plan p
        JOIN ts_order t ON t.rn = p.pick % (SELECT count(*) FROM ts_order)
        JOIN vt_order v ON v.district_pcode = t.district_pcode
        WHERE p.v < 0.60
          AND (v.rn_district - p.pick % v.n_district + v.n_district) % v.n_district < 5 + p.pick % 36;
        -- 25 %: 1–6 townships (picked).
        INSERT INTO dataset_links (dataset_id, pcode, origin, share, edition_id)
        SELECT p.g, t.pcode, 'picked', NULL, (SELECT id FROM edition)
        FROM plan p CROSS JOIN (SELECT count(*)::int n FROM ts_order) c JOIN ts_order t ON (t.rn - p.pick % c.n + c.n) % c.n < 1 + p.pick % 6
        WHERE p.v >= 0.60 AND p.v < 0.85;
        -- 10 %: one or two whole states (picked).
        INSERT INTO dataset_links (dataset_id, pcode, origin, share, edition_id)
        SELECT p.g, s.pcode, 'picked', NULL, (SELECT id FROM edition)
        FROM plan p CROSS JOIN (SELECT count(*)::int n FROM st_order) c JOIN st_order s ON (s.rn - p.pick % c.n + c.n) % c.n < 1 + p.pick % 2
        WHERE p.v >= 0.85 AND p.v < 0.95;
        -- 5 %: footprints, as the village tracts (3–15 of one township) they overlap with their shares.
        INSERT INTO dataset_links (dataset_id, pcode, origin, share, edition_id)
        SELECT p.g, v.pcode, 'footprint', 0.05 + 0.95 * p.u3, (SELECT id FROM edition)
        FROM plan p
        JOIN ts_order t ON t.rn = p.pick % (SELECT count(*) FROM ts_order)
        JOIN vt_order v ON v.township_pcode = t.pcode
        WHERE p.v >= 0.95
          AND (v.rn_township - p.pick % v.n_township + v.n_township) % v.n_township < 3 + p.pick % 13;
        """;
}
