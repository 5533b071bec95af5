using System.Globalization;
using Npgsql;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Footprints;

namespace SeGeoCatalogue.Boundaries.Releases;

/// <summary>What a release import did (or, in a dry run, would do), per state, and what it did to the datasets.</summary>
public sealed record ReleaseImportReport(
    string Name, DateOnly? ReleasedOn, bool Committed, bool Succeeded, IReadOnlyList<string> States,
    IReadOnlyList<ReleaseLayer> Layers, IReadOnlyList<string> LegacyNames, IReadOnlyList<string> Problems,
    IReadOnlyList<StateChanges> ByState, int FootprintRecordsRelinked, IReadOnlyList<RetiredPick> PicksToReview);

public sealed record StateChanges(string StatePcode, IReadOnlyList<string> Added, IReadOnlyList<string> Changed, IReadOnlyList<string> Retired);

public sealed record RetiredPick(int DatasetId, string Pcode, IReadOnlyList<string> Successors);

/// <summary>
/// Imports a MIMU release as a new boundary edition, for chosen states, and makes the datasets follow it in the same
/// transaction: footprint links are computed again against the new units; picked links to retired units are kept,
/// marked as needing review, with the units their area now lies in as successors. A dry run reports all of it and
/// rolls back.
/// </summary>
public sealed class BoundaryReleaseImport(BoundaryImporter importer)
{
    /// <summary>The seven state/regions of the wider South East: the default scope.</summary>
    public static readonly string[] WiderSouthEast = ["MMR002", "MMR003", "MMR006", "MMR007", "MMR011", "MMR014", "MMR016"];

    public async Task<ReleaseImportReport> ImportAsync(string releasePath, string name, DateOnly? releasedOn, string[]? states,
        bool commit, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("segeo-release-files-");
        try
        {
            var read = MimuReleaseReader.Read(releasePath, states?.ToHashSet(), dir.FullName);
            var scope = states ?? [];
            if (read.Problems.Count > 0)
                return new(name, releasedOn, false, false, scope, read.Layers, read.LegacyNames, read.Problems, [], 0, []);

            var relinked = 0;
            var picks = new List<RetiredPick>();
            var inScope = states ?? [.. read.States];
            var summary = new { release = name, released_on = releasedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), states = inScope };
            var import = await importer.ImportReleaseAsync(dir.FullName, inScope, summary, commit, async (conn, edition, token) =>
            {
                relinked = await RelinkFootprintsAsync(conn, token);
                picks = await FlagRetiredPicksAsync(conn, token);
                await DatasetUnits.RefreshWhereAsync(conn,
                    "d.footprint IS NOT NULL OR EXISTS (SELECT 1 FROM dataset_links x WHERE x.dataset_id = d.id AND x.needs_review)", token);
            }, ct);

            var problems = import.Files.SelectMany(f => f.Problems.Select(p => $"{f.FileName}: {p}")).ToList();
            return new(name, releasedOn, commit && import.Succeeded, import.Succeeded, inScope, read.Layers, read.LegacyNames, problems,
                ByState(import), relinked, picks);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    static List<StateChanges> ByState(BoundaryImportReport import)
    {
        static string State(string pcode) => pcode[..Math.Min(6, pcode.Length)];
        var added = import.Files.SelectMany(f => f.Added).ToList();
        var changed = import.Files.SelectMany(f => f.Changed).ToList();
        var retired = import.Files.SelectMany(f => f.Retired).ToList();
        return added.Concat(changed).Concat(retired).Select(State).Distinct().Order()
            .Select(s => new StateChanges(s,
                added.Where(p => State(p) == s).Order().ToList(), changed.Where(p => State(p) == s).Order().ToList(),
                retired.Where(p => State(p) == s).Order().ToList()))
            .ToList();
    }

    static async Task<int> RelinkFootprintsAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await FootprintLinks.ReplaceAsync(conn, "d.footprint IS NOT NULL", _ => { }, ct);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM datasets WHERE footprint IS NOT NULL", conn);
        return (int)(long)(await count.ExecuteScalarAsync(ct))!;
    }

    static async Task<List<RetiredPick>> FlagRetiredPicksAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            UPDATE dataset_links l SET needs_review = true,
              successors = coalesce((SELECT array_agg(n.pcode ORDER BY n.pcode) FROM admin_units n
                             WHERE n.level = r.level AND n.retired_at IS NULL AND n.geom && r.geom
                               AND ST_Area(ST_Intersection(n.geom, r.geom)) > 0.05 * ST_Area(r.geom)), '{}')
            FROM admin_units r
            WHERE r.pcode = l.pcode AND r.retired_at IS NOT NULL AND l.origin = 'picked' AND NOT l.needs_review
            RETURNING l.dataset_id, l.pcode, l.successors
            """, conn);
        var picks = new List<RetiredPick>();
        await using var rows = await cmd.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
            picks.Add(new RetiredPick(rows.GetInt32(0), rows.GetString(1), rows.GetFieldValue<string[]>(2)));
        return picks.OrderBy(p => p.DatasetId).ThenBy(p => p.Pcode).ToList();
    }
}
