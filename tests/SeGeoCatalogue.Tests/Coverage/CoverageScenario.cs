using System.Globalization;
using Npgsql;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Coverage;

/// <summary>A unit of the boundaries as read straight from admin_units (the hierarchy the expectations walk).</summary>
public sealed record Unit(string Pcode, short Level, string? Parent, string? NameMy);

/// <summary>A seeded record and its links, as the test wrote them (not as the service normalised them).</summary>
public sealed record SeededDataset(
    string Title, string[] Sectors, string? Disaggregation, DateOnly? Start, DateOnly? End,
    string State, string Visibility, bool Deleted, (string Pcode, string Origin)[] Links, string[]? Methods = null)
{
    public int Id { get; set; }
    /// <summary>Hand-written: a census, administrative records or full mapping covers every place in its areas.</summary>
    public bool Complete => Methods is { Length: > 0 } m && m.All(x => x is "census" or "administrative-records" or "remote-sensing" or "gps-mapping");
    public bool VisibleToPublic => State == "published" && Visibility == "public" && !Deleted;
}

/// <summary>
/// A dozen records with state, district, township, village-tract, town and ward links, several sectors, levels,
/// periods and visibilities, seeded through SQL and DatasetUnits (the path the write API takes). Expected coverage
/// is computed here by plain LINQ over the seeded links and the parent chain.
/// </summary>
public sealed class CoverageScenario
{
    public required Dictionary<string, Unit> Units { get; init; }
    public required List<SeededDataset> Datasets { get; init; }

    static readonly SemaphoreSlim Gate = new(1, 1);
    static readonly Dictionary<string, CoverageScenario> Seeded = [];

    public static async Task<CoverageScenario> EnsureAsync(CatalogueApp app)
    {
        await Gate.WaitAsync();
        try
        {
            if (Seeded.TryGetValue(app.ConnectionString, out var existing)) return existing;
            var scenario = await SeedAsync(app.DataSource);
            Seeded[app.ConnectionString] = scenario;
            return scenario;
        }
        finally { Gate.Release(); }
    }

    /// <summary>The live units of the boundaries, straight from admin_units.</summary>
    public static async Task<Dictionary<string, Unit>> UnitsAsync(NpgsqlDataSource db)
    {
        var units = new Dictionary<string, Unit>();
        await using var cmd = db.CreateCommand("SELECT pcode, level, parent_pcode, name_my FROM admin_units WHERE retired_at IS NULL");
        await using var rows = await cmd.ExecuteReaderAsync();
        while (await rows.ReadAsync())
            units[rows.GetString(0)] = new Unit(rows.GetString(0), rows.GetInt16(1), rows.IsDBNull(2) ? null : rows.GetString(2), rows.IsDBNull(3) ? null : rows.GetString(3));
        return units;
    }

    static async Task<CoverageScenario> SeedAsync(NpgsqlDataSource db)
    {
        var units = await UnitsAsync(db);

        string[] ChildrenOf(string parent, int take, int skip = 0) =>
            units.Values.Where(u => u.Parent == parent).OrderBy(u => u.Pcode).Skip(skip).Take(take).Select(u => u.Pcode).ToArray();
        var town = units.Values.Where(u => u.Level == 4 && units.Values.Count(w => w.Parent == u.Pcode) >= 3).OrderBy(u => u.Pcode).First();
        var wards = ChildrenOf(town.Pcode, 3);
        var hazardTownship = units.Values.Where(u => u.Level == 3 && u.Pcode.StartsWith("MMR002", StringComparison.Ordinal)).OrderBy(u => u.Pcode).Last().Pcode;
        var shanVts = ChildrenOf(units.Values.Where(u => u.Level == 3 && u.Pcode.StartsWith("MMR014", StringComparison.Ordinal)).OrderBy(u => u.Pcode).First().Pcode, 5);
        var shanTown = units.Values.Where(u => u.Level == 4 && u.Pcode.StartsWith("MMR016", StringComparison.Ordinal) && u.Pcode[9] == '7').OrderBy(u => u.Pcode).First().Pcode;
        var kayahTownship = units.Values.Where(u => u.Level == 3 && u.Pcode.StartsWith("MMR002", StringComparison.Ordinal)).OrderBy(u => u.Pcode).First().Pcode;

        (string, string)[] Picked(params string[] pcodes) => pcodes.Select(p => (p, "picked")).ToArray();
        DateOnly D(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);
        var datasets = new List<SeededDataset>
        {
            new("A Mon WASH state survey", ["wash"], "state", D("2015-01-01"), D("2016-01-01"), "published", "public", false, Picked("MMR011")),
            new("B Township food security survey", ["food-security", "wash"], "township", D("2016-03-01"), D("2016-09-30"), "published", "public", false, Picked("MMR011001", "MMR003001")),
            new("C Village tract mapping", ["physical"], "village-tract", D("2014-06-01"), D("2014-06-30"), "published", "public", false,
                Picked([.. ChildrenOf("MMR011001", 6), .. ChildrenOf("MMR003001", 3)])),
            new("D Ward health facilities", ["services"], null, null, null, "published", "public", false, Picked(wards)),
            new("E District education", ["services"], "district", null, D("2013-12-31"), "published", "public", false, Picked("MMR007D001")),
            new("F Flood footprint", ["hazards"], null, D("2020-01-01"), D("2020-03-31"), "published", "public", false,
                ChildrenOf(hazardTownship, 4).Select(p => (p, "footprint")).ToArray()),
            new("G Draft WASH", ["wash"], "state", null, null, "draft", "public", false, Picked("MMR011")),
            new("H Members-only WASH", ["wash"], "township", null, null, "published", "network", false, Picked("MMR011001", "MMR011002")),
            new("I Private WASH", ["wash"], "village-tract", null, null, "published", "private", false, Picked(ChildrenOf("MMR011002", 4))),
            new("J Deleted WASH", ["wash"], "township", null, null, "published", "public", true, Picked("MMR011003")),
            new("K Food security, township and its tracts", ["food-security"], "village-tract", D("2015-12-31"), D("2016-01-10"), "published", "public", false,
                Picked(["MMR011002", .. ChildrenOf("MMR011002", 2), ChildrenOf("MMR011001", 1, skip: 10)[0]])),
            new("L Household survey", ["food-security", "economic"], "household", D("2017-01-01"), D("2017-12-31"), "published", "public", false,
                Picked([.. shanVts, shanTown])),
            new("M Submitted WASH", ["wash"], "village-tract", null, null, "submitted", "public", false, Picked(ChildrenOf("MMR011001", 2))),
            new("N Economic by township, whole Kayin district", ["economic"], "township", D("2010-01-01"), null, "published", "public", false, Picked("MMR003D001")),
            new("O Assessment starting on the last day", ["assessments", "wash"], "township", D("2016-12-31"), D("2017-06-30"), "published", "public", false, Picked("MMR006001")),
            new("P Assessment ending the day before", ["assessments"], "township", D("2015-06-01"), D("2015-12-31"), "published", "public", false, Picked("MMR006001")),
            // Kayah, demographics: what a state-wide record tells about each township and village tract depends on how it was collected.
            new("Q Census by village tract, Kayah", ["demographics"], "village-tract", D("2014-03-29"), D("2014-04-10"), "published", "public", false,
                Picked("MMR002"), ["census"]),
            new("R Household sample survey, Kayah", ["demographics"], "household", D("2015-01-01"), D("2015-03-31"), "published", "public", false,
                Picked("MMR002"), ["household-survey"]),
            new("S Township survey with one tract in detail", ["demographics"], "village-tract", D("2016-01-01"), D("2016-02-28"), "published", "public", false,
                Picked(kayahTownship, ChildrenOf(kayahTownship, 1)[0]), ["household-survey", "key-informant-interviews"]),
            new("T Kayah state sample with one mapped tract", ["demographics"], "village-tract", D("2016-01-01"), D("2016-02-28"), "published", "public", false,
                Picked("MMR002", ChildrenOf(kayahTownship, 1, skip: 1)[0]), ["household-survey"]),
        };

        await InsertAsync(db, "Coverage test org", datasets);
        return new CoverageScenario { Units = units, Datasets = datasets };
    }

    /// <summary>
    /// Writes the records and their links as given, under a new holder organisation (whose id it returns), and
    /// normalises each through DatasetUnits as the write API does; sets each record's Id.
    /// </summary>
    public static async Task<int> InsertAsync(NpgsqlDataSource db, string holderName, IReadOnlyList<SeededDataset> datasets)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        int holder;
        await using (var cmd = new NpgsqlCommand("INSERT INTO organisations (name, acronym, type, active, created_at) VALUES (@name, 'CTO', 'ingo', true, now()) RETURNING id", conn, tx))
        {
            cmd.Parameters.AddWithValue("name", holderName);
            holder = (int)(await cmd.ExecuteScalarAsync())!;
        }
        foreach (var d in datasets)
        {
            await using var cmd = new NpgsqlCommand("""
                INSERT INTO datasets (title, holder_id, sectors, indicators, disaggregation_level, methods, spatial_completeness, period_start, period_end,
                                      availability, formats, links, curation_state, visibility, footprint_sensitive, footprint_threshold,
                                      is_demo, created_by, created_at, updated_by, updated_at, deleted_at)
                VALUES (@title, @holder, @sectors, '{}', @level, @methods, @completeness, @start, @end, 'public', '{}', '[]', @state, @visibility, false, 0.05,
                        false, 'test', now(), 'test', now(), CASE WHEN @deleted THEN now() END)
                RETURNING id
                """, conn, tx);
            cmd.Parameters.AddWithValue("title", d.Title);
            cmd.Parameters.AddWithValue("holder", holder);
            cmd.Parameters.AddWithValue("sectors", d.Sectors);
            cmd.Parameters.AddWithValue("methods", d.Methods ?? []);
            cmd.Parameters.AddWithValue("completeness", d.Complete ? "complete" : "sample");
            cmd.Parameters.AddWithValue("level", (object?)d.Disaggregation ?? DBNull.Value);
            cmd.Parameters.AddWithValue("start", (object?)d.Start ?? DBNull.Value);
            cmd.Parameters.AddWithValue("end", (object?)d.End ?? DBNull.Value);
            cmd.Parameters.AddWithValue("state", d.State);
            cmd.Parameters.AddWithValue("visibility", d.Visibility);
            cmd.Parameters.AddWithValue("deleted", d.Deleted);
            d.Id = (int)(await cmd.ExecuteScalarAsync())!;
            foreach (var (pcode, origin) in d.Links)
            {
                await using var link = new NpgsqlCommand("""
                    INSERT INTO dataset_links (dataset_id, pcode, origin, share, edition_id)
                    VALUES (@id, @pcode, @origin, CASE WHEN @origin = 'footprint' THEN 0.4 END, (SELECT max(id) FROM boundary_editions))
                    """, conn, tx);
                link.Parameters.AddWithValue("id", d.Id);
                link.Parameters.AddWithValue("pcode", pcode);
                link.Parameters.AddWithValue("origin", origin);
                await link.ExecuteNonQueryAsync();
            }
            await DatasetUnits.RefreshAsync(conn, d.Id);
        }
        await tx.CommitAsync();
        return holder;
    }

    /// <summary>The unit and its ancestors, by the parent chain.</summary>
    public IEnumerable<string> SelfAndAncestors(string pcode)
    {
        for (var p = pcode; p is not null; p = Units[p].Parent) yield return p;
    }

    public static short Rank(string level) => level switch
    {
        "state" => 1, "district" => 2, "township" => 3, "village-tract" => 4, "village" => 5, "household" => 6, "point" => 7,
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    /// <summary>The hand-written inverse of <see cref="Rank"/>.</summary>
    public static string? LevelName(short? rank) => rank switch
    {
        null => null, 1 => "state", 2 => "district", 3 => "township", 4 => "village-tract", 5 => "village", 6 => "household", 7 => "point",
        _ => throw new ArgumentOutOfRangeException(nameof(rank)),
    };

    /// <summary>
    /// The public's view of a unit: distinct visible records matching the filters that say something about it at or
    /// finer than levelMin, the finest level they give, and the unit's class. What a record says about the unit, link
    /// by link: a link on the unit itself or inside it gives the record's disaggregation (else the linked unit's level);
    /// a link on an ancestor gives the same when the record is complete, else only the ancestor's level.
    /// Class: "here" when a link on the unit or an ancestor gives the unit's level or finer; else "partly" when a link
    /// inside it counts; else "coarser" when anything counts; else "none".
    /// </summary>
    public (int Count, short? Finest, string Class) Expected(string pcode, string? sector = null, string? levelMin = null, DateOnly? from = null, DateOnly? to = null)
    {
        var ancestors = SelfAndAncestors(pcode).Skip(1).ToHashSet();
        var unitLevel = Units[pcode].Level;
        var min = levelMin is null ? (short)1 : Rank(levelMin);
        var covering = Datasets
            .Where(d => d.VisibleToPublic)
            .Where(d => sector is null || d.Sectors.Contains(sector))
            // A period filter keeps records whose period overlaps it: an open end is unbounded, no period at all is out.
            .Where(d => (from is null && to is null) || d.Start is not null || d.End is not null)
            .Where(d => from is null || (d.End ?? DateOnly.MaxValue) >= from)
            .Where(d => to is null || (d.Start ?? DateOnly.MinValue) <= to)
            .Select(d => d.Links
                .Select(l =>
                {
                    var linkedLevel = Units[l.Pcode].Level;
                    var collected = d.Disaggregation is { } level ? Rank(level) : linkedLevel;
                    if (l.Pcode == pcode) return (Kind: "self", Resolution: collected);
                    if (ancestors.Contains(l.Pcode)) return (Kind: "ancestor", Resolution: d.Complete ? collected : Math.Min(collected, linkedLevel));
                    if (SelfAndAncestors(l.Pcode).Contains(pcode)) return (Kind: "inside", Resolution: collected);
                    return (Kind: "", Resolution: (short)0);
                })
                .Where(l => l.Kind.Length > 0 && l.Resolution >= min)
                .ToList())
            .Where(links => links.Count > 0)
            .ToList();
        var cls = covering.Any(links => links.Any(l => l.Kind != "inside" && l.Resolution >= unitLevel)) ? "here"
            : covering.Any(links => links.Any(l => l.Kind == "inside")) ? "partly"
            : covering.Count > 0 ? "coarser" : "none";
        return (covering.Count, covering.Count == 0 ? null : (short)covering.Max(links => links.Max(l => l.Resolution)), cls);
    }
}
