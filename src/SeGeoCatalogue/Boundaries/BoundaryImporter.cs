using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace SeGeoCatalogue.Boundaries;

/// <summary>
/// Imports the boundary files into admin_units, one transaction per file: a file with any problem
/// changes nothing. Units are matched by pcode, so a second run of the same files changes nothing.
/// A release (<see cref="ImportReleaseAsync"/>) is one transaction for all its files, limited to its states.
/// </summary>
public sealed partial class BoundaryImporter(NpgsqlDataSource db, BoundaryFiles files, ILogger<BoundaryImporter> log)
{
    /// <summary>Statements over a whole layer (national: ~14,000 polygons) may take minutes on a busy machine, not the default 30 s.</summary>
    internal const int LongStatementSeconds = 600;

    public async Task<BoundaryImportReport> ImportAsync(string? directory = null, CancellationToken ct = default)
    {
        var dir = files.ResolveDirectory(directory);
        var manifest = BoundaryFiles.Manifest();
        var reports = new List<FileImportReport>();
        foreach (var layer in BoundaryLayer.All)
        {
            var report = new FileImportReport(layer.FileName);
            reports.Add(report);
            var bytes = await ReadFileAsync(dir, layer, report, ct);
            if (bytes is null) continue;
            if (manifest.TryGetValue(layer.FileName, out var expected)) report.MatchesManifest = expected.Sha256 == report.Sha256;

            await using var conn = await db.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            var edition = await ImportFileAsync(conn, layer, bytes, null, new { file = layer.FileName }, report, ct);
            if (edition is not null && report.ChangedAnything)
            {
                await SummariseAsync(conn, edition.Value, new { file = report.FileName, sha256 = report.Sha256 }, [report], ct);
                await tx.CommitAsync(ct);
            }
            LogFile(report);
        }
        return new BoundaryImportReport(dir, reports);
    }

    /// <summary>
    /// The layers present in <paramref name="directory"/> (townships first) as one edition, in one transaction: units of
    /// <paramref name="states"/> only are added, changed or retired. <paramref name="follow"/> runs in the same transaction
    /// after the units changed (datasets following the edition). Committed only when <paramref name="commit"/> is true.
    /// </summary>
    public async Task<BoundaryImportReport> ImportReleaseAsync(string directory, string[] states, object summary, bool commit,
        Func<NpgsqlConnection, int, CancellationToken, Task> follow, CancellationToken ct)
    {
        var reports = new List<FileImportReport>();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        int? edition = null;
        foreach (var layer in BoundaryLayer.All.Where(l => File.Exists(Path.Combine(directory, l.FileName))))
        {
            var report = new FileImportReport(layer.FileName);
            reports.Add(report);
            var bytes = await ReadFileAsync(directory, layer, report, ct);
            if (bytes is null || (edition = await ImportFileAsync(conn, layer, bytes, states, summary, report, ct, edition)) is null)
                return new BoundaryImportReport(directory, reports); // rolled back on dispose
        }
        if (edition is { } id)
        {
            await SummariseAsync(conn, id, summary, reports, ct);
            await follow(conn, id, ct);
            if (commit) await tx.CommitAsync(ct);
        }
        return new BoundaryImportReport(directory, reports);
    }

    static async Task<byte[]?> ReadFileAsync(string dir, BoundaryLayer layer, FileImportReport report, CancellationToken ct)
    {
        var path = Path.Combine(dir, layer.FileName);
        if (!File.Exists(path))
        {
            report.Problems.Add($"{path} does not exist. Put the boundary files there or set SEGEO_BOUNDARIES_DIR (see boundaries/README.md).");
            return null;
        }
        var bytes = await File.ReadAllBytesAsync(path, ct);
        report.Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return bytes;
    }

    /// <summary>Stages and applies one file in the caller's transaction; the edition it wrote, or null when it has problems.</summary>
    static async Task<int?> ImportFileAsync(NpgsqlConnection conn, BoundaryLayer layer, byte[] bytes, string[]? states, object summary,
        FileImportReport report, CancellationToken ct, int? edition = null)
    {
        var (units, problems) = BoundaryFeatureReader.Read(layer, bytes);
        report.Features = units.Count + problems.Count;
        if (problems.Count > 0)
        {
            report.Problems.AddRange(problems);
            return null;
        }

        // One import at a time, whichever node starts it.
        await Exec(conn, "SELECT pg_advisory_xact_lock(7461001)", ct);
        await StageAsync(conn, units, ct);

        report.Problems.AddRange(await MissingParentsAsync(conn, layer, ct));
        report.Problems.AddRange(await Strings(conn, """
            SELECT format('feature %s (line %s), pcode %s: the geometry cannot be repaired into a polygon (%s).', number, line, pcode, ST_IsValidReason(g))
            FROM staging WHERE ST_IsEmpty(fixed) ORDER BY number
            """, ct));
        if (report.Problems.Count > 0) return null;

        report.Repaired.AddRange(await Strings(conn, """
            SELECT format('%s (feature %s, line %s): %s', pcode, number, line, ST_IsValidReason(g)) FROM staging WHERE NOT ST_IsValid(g) ORDER BY number
            """, ct));

        var id = edition ?? await NewEditionAsync(conn, summary, ct);
        await UpsertAsync(conn, layer.Level, id, states, report, ct);
        if (layer.Level == AdminLevel.Township)
            await DissolveStatesAndDistrictsAsync(conn, id, states, report, ct);
        if (!report.ChangedAnything) return id;

        await DisplayGeometry.RefreshAsync(conn, layer.Level, layer.DisplayTolerance, ct);
        if (layer.Level == AdminLevel.Township)
            foreach (var (level, tolerance) in BoundaryLayer.DerivedTolerance)
                await DisplayGeometry.RefreshAsync(conn, level, tolerance, ct);
        return id;
    }

    static async Task SummariseAsync(NpgsqlConnection conn, int edition, object summary, IReadOnlyList<FileImportReport> reports, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("UPDATE boundary_editions SET summary = @s::jsonb WHERE id = @id", conn);
        var node = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(summary))!.AsObject();
        node["added"] = reports.Sum(r => r.Added.Count);
        node["changed"] = reports.Sum(r => r.Changed.Count);
        node["retired"] = reports.Sum(r => r.Retired.Count);
        node["repaired"] = reports.Sum(r => r.Repaired.Count);
        cmd.Parameters.AddWithValue("s", node.ToJsonString());
        cmd.Parameters.AddWithValue("id", edition);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    static async Task StageAsync(NpgsqlConnection conn, List<StagedUnit> units, CancellationToken ct)
    {
        await Exec(conn, """
            DROP TABLE IF EXISTS staging;
            CREATE TEMP TABLE staging (
              number int, line int, pcode text PRIMARY KEY, unit_type text, parent text, st text, dt text, ts text,
              name_en text, name_my text, st_name_en text, st_name_my text, dt_name_en text, dt_name_my text,
              geojson text, hash text, g geometry, fixed geometry) ON COMMIT DROP
            """, ct);
        await using (var copy = await conn.BeginBinaryImportAsync(
            "COPY staging (number, line, pcode, unit_type, parent, st, dt, ts, name_en, name_my, st_name_en, st_name_my, dt_name_en, dt_name_my, geojson) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var u in units)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(u.Number, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(u.Line, NpgsqlDbType.Integer, ct);
                foreach (var text in new[] { u.Pcode, u.UnitType, u.ParentPcode, u.StatePcode, u.DistrictPcode, u.TownshipPcode,
                             u.NameEn, u.NameMy, u.StateNameEn, u.StateNameMy, u.DistrictNameEn, u.DistrictNameMy, u.GeometryJson })
                    await copy.WriteAsync(text, NpgsqlDbType.Text, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await Exec(conn, """
            UPDATE staging SET g = ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326);
            -- What a unit is made of, independent of the file's formatting: a changed hash is a changed unit.
            UPDATE staging SET hash = md5(concat_ws('|', encode(ST_AsBinary(g), 'hex'), unit_type, parent, st, dt, ts,
                name_en, name_my, st_name_en, st_name_my, dt_name_en, dt_name_my));
            UPDATE staging SET fixed = ST_ForcePolygonCCW(ST_Multi(ST_CollectionExtract(
              CASE WHEN ST_IsValid(g) THEN g ELSE ST_MakeValid(g) END, 3)));
            """, ct);
    }

    static Task<List<string>> MissingParentsAsync(NpgsqlConnection conn, BoundaryLayer layer, CancellationToken ct) => layer.Level switch
    {
        AdminLevel.VillageTract => Strings(conn, """
            SELECT format('feature %s (line %s), pcode %s: township %s is not among the imported townships.', s.number, s.line, s.pcode, s.parent)
            FROM staging s WHERE NOT EXISTS (SELECT 1 FROM admin_units a
              WHERE a.pcode = s.parent AND a.level = 3 AND a.retired_at IS NULL) ORDER BY s.number
            """, ct),
        AdminLevel.Ward => Strings(conn, """
            SELECT format('feature %s (line %s), pcode %s: town %s is not among the imported village-tract layer units.', s.number, s.line, s.pcode, s.parent)
            FROM staging s WHERE NOT EXISTS (SELECT 1 FROM admin_units a
              WHERE a.pcode = s.parent AND a.level = 4 AND a.retired_at IS NULL) ORDER BY s.number
            """, ct),
        _ => Task.FromResult(new List<string>()),
    };

    static async Task<int> NewEditionAsync(NpgsqlConnection conn, object summary, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("INSERT INTO boundary_editions (imported_at, summary) VALUES (now(), @s::jsonb) RETURNING id", conn);
        cmd.Parameters.AddWithValue("s", JsonSerializer.Serialize(summary));
        return (int)(await cmd.ExecuteScalarAsync(ct))!;
    }

    static async Task UpsertAsync(NpgsqlConnection conn, AdminLevel level, int edition, string[]? states, FileImportReport report, CancellationToken ct)
    {
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO admin_units AS a (pcode, level, unit_type, parent_pcode, state_pcode, district_pcode, township_pcode,
                name_en, name_my, geom, area_km2, source_hash, edition_id, retired_at)
            SELECT pcode, @level, unit_type, parent, st,
                   -- a tract or ward layer without DT_PCODE: its township's district
                   coalesce(dt, (SELECT t.district_pcode FROM admin_units t WHERE t.pcode = staging.ts AND t.level = 3)), ts,
                   name_en, name_my, fixed, ST_Area(fixed::geography) / 1e6, hash, @edition, NULL
            FROM staging
            ON CONFLICT (pcode) DO UPDATE SET
                level = excluded.level, unit_type = excluded.unit_type, parent_pcode = excluded.parent_pcode,
                state_pcode = excluded.state_pcode, district_pcode = excluded.district_pcode,
                township_pcode = excluded.township_pcode, name_en = excluded.name_en, name_my = excluded.name_my,
                geom = excluded.geom, area_km2 = excluded.area_km2, source_hash = excluded.source_hash,
                edition_id = excluded.edition_id, retired_at = NULL
            WHERE a.source_hash IS DISTINCT FROM excluded.source_hash OR a.retired_at IS NOT NULL OR a.level <> excluded.level
            RETURNING pcode, xmax = 0
            """, conn) { CommandTimeout = LongStatementSeconds })
        {
            cmd.Parameters.AddWithValue("level", (short)level);
            cmd.Parameters.AddWithValue("edition", edition);
            await using var rows = await cmd.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct))
                (rows.GetBoolean(1) ? report.Added : report.Changed).Add(rows.GetString(0));
        }
        report.Retired.AddRange(await RetireMissingAsync(conn, level, edition, "SELECT pcode FROM staging", states, ct));
    }

    /// <summary>Retires the units of a level (of <paramref name="states"/> only, when given) that the file no longer has.</summary>
    static async Task<List<string>> RetireMissingAsync(NpgsqlConnection conn, AdminLevel level, int edition, string present,
        string[]? states, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            UPDATE admin_units SET retired_at = now(), edition_id = @edition
            WHERE level = @level AND retired_at IS NULL AND pcode NOT IN ({present})
              AND (@states::text[] IS NULL OR state_pcode = ANY(@states))
            RETURNING pcode
            """, conn) { CommandTimeout = LongStatementSeconds };
        cmd.Parameters.AddWithValue("level", (short)level);
        cmd.Parameters.AddWithValue("edition", edition);
        cmd.Parameters.Add(new NpgsqlParameter("states", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (object?)states ?? DBNull.Value });
        return await ReadStrings(cmd, ct);
    }

    /// <summary>States and districts are the union of their townships; only the changed ones are dissolved again.</summary>
    static async Task DissolveStatesAndDistrictsAsync(NpgsqlConnection conn, int edition, string[]? states, FileImportReport report, CancellationToken ct)
    {
        await using (var cmd = new NpgsqlCommand("""
            WITH parents AS (
              SELECT st AS pcode, 1::smallint AS level, NULL::text AS parent, st, NULL::text AS dt,
                     min(st_name_en) AS name_en, min(st_name_my) AS name_my, md5(string_agg(hash, ',' ORDER BY pcode)) AS hash
              FROM staging GROUP BY st
              UNION ALL
              SELECT dt, 2::smallint, st, st, dt, min(dt_name_en), min(dt_name_my), md5(string_agg(hash, ',' ORDER BY pcode))
              FROM staging GROUP BY st, dt
            ), todo AS (
              SELECT p.* FROM parents p LEFT JOIN admin_units a ON a.pcode = p.pcode
              WHERE a.pcode IS NULL OR a.source_hash <> p.hash OR a.retired_at IS NOT NULL
            ), dissolved AS (
              SELECT t.pcode, t.level, t.parent, t.st, t.dt, t.name_en, t.name_my, t.hash,
                     ST_ForcePolygonCCW(ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(s.fixed)), 3))) AS geom
              FROM todo t JOIN staging s ON (t.level = 1 AND s.st = t.pcode) OR (t.level = 2 AND s.dt = t.pcode)
              GROUP BY t.pcode, t.level, t.parent, t.st, t.dt, t.name_en, t.name_my, t.hash
            )
            INSERT INTO admin_units AS a (pcode, level, unit_type, parent_pcode, state_pcode, district_pcode, township_pcode,
                name_en, name_my, geom, area_km2, source_hash, edition_id, retired_at)
            SELECT pcode, level, NULL, parent, st, dt, NULL, name_en, name_my, geom, ST_Area(geom::geography) / 1e6, hash, @edition, NULL
            FROM dissolved
            ON CONFLICT (pcode) DO UPDATE SET
                level = excluded.level, parent_pcode = excluded.parent_pcode, state_pcode = excluded.state_pcode,
                district_pcode = excluded.district_pcode, name_en = excluded.name_en, name_my = excluded.name_my,
                geom = excluded.geom, area_km2 = excluded.area_km2, source_hash = excluded.source_hash,
                edition_id = excluded.edition_id, retired_at = NULL
            RETURNING pcode, xmax = 0
            """, conn) { CommandTimeout = LongStatementSeconds })
        {
            cmd.Parameters.AddWithValue("edition", edition);
            await using var rows = await cmd.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct))
                (rows.GetBoolean(1) ? report.Added : report.Changed).Add(rows.GetString(0));
        }
        report.Retired.AddRange(await RetireMissingAsync(conn, AdminLevel.State, edition, "SELECT st FROM staging", states, ct));
        report.Retired.AddRange(await RetireMissingAsync(conn, AdminLevel.District, edition, "SELECT dt FROM staging", states, ct));
    }

    static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    static async Task<List<string>> Strings(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await ReadStrings(cmd, ct);
    }

    static async Task<List<string>> ReadStrings(NpgsqlCommand cmd, CancellationToken ct)
    {
        var list = new List<string>();
        await using var rows = await cmd.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct)) list.Add(rows.GetString(0));
        return list;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Report}")]
    partial void LogFile(FileImportReport report);
}
