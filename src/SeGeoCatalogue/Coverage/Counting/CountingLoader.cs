using Npgsql;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.Coverage.Counting;

/// <summary>Reads the counting structures from PostgreSQL: the units, and all records or some by id.</summary>
static class CountingLoader
{
    public static async Task<CountingUnits> UnitsAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var rows = new List<(string Pcode, string? En, string? My, short Level, string? Parent, string? State, string? District, string? Township,
            bool Retired, bool Shown, string? OrTownship, string GridState)>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT pcode, name_en, name_my, level, parent_pcode, state_pcode, district_pcode, township_pcode, retired_at IS NOT NULL,
                   unit_shown_without_detail(level), unit_or_its_township(pcode, level), left(pcode, 6)
            FROM admin_units ORDER BY pcode
            """, conn))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
            while (await r.ReadAsync(ct))
                rows.Add((r.GetString(0), Text(r, 1), Text(r, 2), r.GetInt16(3), Text(r, 4), Text(r, 5), Text(r, 6), Text(r, 7),
                    r.GetBoolean(8), r.GetBoolean(9), Text(r, 10), r.GetString(11)));
        }
        var index = new Dictionary<string, int>(rows.Count);
        for (var i = 0; i < rows.Count; i++) index[rows[i].Pcode] = i;
        int Of(string? pcode) => pcode is not null && index.TryGetValue(pcode, out var i) ? i : -1;
        return new CountingUnits
        {
            Pcode = [.. rows.Select(r => r.Pcode)],
            NameEn = [.. rows.Select(r => r.En)],
            NameMy = [.. rows.Select(r => r.My)],
            Level = [.. rows.Select(r => (byte)r.Level)],
            Parent = [.. rows.Select(r => Of(r.Parent))],
            StatePcode = [.. rows.Select(r => r.State)],
            TownshipPcode = [.. rows.Select(r => r.Township)],
            State = [.. rows.Select(r => Of(r.State))],
            District = [.. rows.Select(r => Of(r.District))],
            Township = [.. rows.Select(r => Of(r.Township))],
            Retired = [.. rows.Select(r => r.Retired)],
            ShownWithoutDetail = [.. rows.Select(r => r.Shown)],
            OrItsTownship = [.. rows.Select(r => Of(r.OrTownship))],
            GridState = [.. rows.Select(r => Of(r.GridState))],
            Index = index,
        };
    }

    static string VisibilityBits(Func<(int Bit, bool Curator, bool Member, string Org), string> call) =>
        string.Join(" | ", ViewerKind.All.Select(k => $"(({call(k)})::int << {k.Bit})"));

    /// <summary>The records matching <paramref name="condition"/> over <c>datasets d</c> (ids in @ids when given), freshness on @today.</summary>
    public static async Task<List<CountedRecord>> RecordsAsync(NpgsqlConnection conn, CountingUnits units, int[]? ids, DateOnly today, CancellationToken ct)
    {
        var where = ids is null ? "true" : "d.id = ANY(@ids)";
        var visible = VisibilityBits(k => $"dataset_visible(d.deleted_at, d.curation_state, d.visibility, d.holder_id, {k.Curator}, {k.Member}, {k.Org})");
        var detail = VisibilityBits(k => $"dataset_detail_visible(d.footprint_sensitive, d.holder_id, {k.Curator}, {k.Org})");
        var heads = new List<(int Id, string Title, int? Holder, string[] Sectors, string[] Methods, string? Disagg, string? Availability, string? Status,
            DateOnly? Start, DateOnly? End, int Visible, int Detail, short Rank, bool Fresh)>();
        await using (var cmd = new NpgsqlCommand($"""
            SELECT d.id, d.title, d.holder_id, d.sectors, d.methods, d.disaggregation_level, d.availability, d.assessment_status,
                   d.period_start, d.period_end, {visible}, {detail},
                   coalesce({Freshness.RankSql("@today")}, 0)::smallint, coalesce({Freshness.FreshOrDueSql("@today")}, false)
            FROM datasets d WHERE {where}
            """, conn) { CommandTimeout = 600 })
        {
            cmd.Parameters.AddWithValue("today", today);
            if (ids is not null) cmd.Parameters.AddWithValue("ids", ids);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                heads.Add((r.GetInt32(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetInt32(2), r.GetFieldValue<string[]>(3), r.GetFieldValue<string[]>(4),
                    r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7),
                    r.IsDBNull(8) ? null : r.GetFieldValue<DateOnly>(8), r.IsDBNull(9) ? null : r.GetFieldValue<DateOnly>(9),
                    r.GetInt32(10), r.GetInt32(11), r.GetInt16(12), r.GetBoolean(13)));
        }

        var rows = await RowsAsync(conn, units, $"SELECT du.dataset_id, du.pcode, du.level, du.resolution, du.down_resolution FROM dataset_units du WHERE {where.Replace("d.id", "du.dataset_id")}", ids, ct);
        // Records some viewer sees without detail: their rows as Access/VisibleUnits gives them to such a viewer.
        var redact = heads.Where(h => (h.Detail & ViewerKind.Everyone) != ViewerKind.Everyone).Select(h => h.Id).ToArray();
        var redactedIds = redact.ToHashSet();
        var redacted = redact.Length == 0 ? new Dictionary<int, UnitRows>() : await RowsAsync(conn, units,
            $"WITH sel AS (SELECT unnest(@ids) AS id, false AS detail) {VisibleUnits.Rows("sel")}", redact, ct);
        var split = new Dictionary<int, List<(int, byte, byte, bool)>>();
        await using (var cmd = new NpgsqlCommand($"""
            SELECT su.dataset_id, su.pcode, su.level, su.resolution, unit_shown_without_detail(su.level)
            FROM dataset_split_units su WHERE {where.Replace("d.id", "su.dataset_id")}
            """, conn) { CommandTimeout = 600 })
        {
            if (ids is not null) cmd.Parameters.AddWithValue("ids", ids);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                if (!units.Index.TryGetValue(r.GetString(1), out var u)) continue;
                (split.TryGetValue(r.GetInt32(0), out var list) ? list : split[r.GetInt32(0)] = []).Add((u, (byte)r.GetInt16(2), (byte)r.GetInt16(3), r.GetBoolean(4)));
            }
        }

        return [.. heads.Select(h => new CountedRecord
        {
            Id = h.Id, Title = h.Title, HolderId = h.Holder,
            Sectors = CountingVocabulary.Sectors.Bits(h.Sectors), Methods = CountingVocabulary.Methods.Bits(h.Methods),
            Disaggregation = h.Disagg, Availability = h.Availability, AssessmentStatus = h.Status, PeriodStart = h.Start, PeriodEnd = h.End,
            VisibleTo = (byte)h.Visible, DetailFor = (byte)h.Detail,
            Rows = rows.GetValueOrDefault(h.Id) ?? UnitRows.Empty,
            RedactedRows = redactedIds.Contains(h.Id) ? redacted.GetValueOrDefault(h.Id) ?? UnitRows.Empty : null,
            Split = split.TryGetValue(h.Id, out var s)
                ? new SplitRows([.. s.Select(x => x.Item1)], [.. s.Select(x => x.Item2)], [.. s.Select(x => x.Item3)], [.. s.Select(x => x.Item4)])
                : SplitRows.Empty,
            FreshRank = h.Rank, FreshOrDue = h.Fresh,
        })];
    }

    static async Task<Dictionary<int, UnitRows>> RowsAsync(NpgsqlConnection conn, CountingUnits units, string sql, int[]? ids, CancellationToken ct)
    {
        var lists = new Dictionary<int, (List<int> U, List<byte> L, List<byte> R, List<byte> D)>();
        await using (var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 600 })
        {
            if (ids is not null) cmd.Parameters.AddWithValue("ids", ids);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                if (!units.Index.TryGetValue(r.GetString(1), out var u)) continue;
                var id = r.GetInt32(0);
                if (!lists.TryGetValue(id, out var l)) lists[id] = l = ([], [], [], []);
                l.U.Add(u);
                l.L.Add((byte)r.GetInt16(2));
                l.R.Add((byte)r.GetInt16(3));
                l.D.Add((byte)r.GetInt16(4));
            }
        }
        return lists.ToDictionary(p => p.Key, p => UnitRows.Of(p.Value.U, p.Value.L, p.Value.R, p.Value.D));
    }

    /// <summary>PostgreSQL's order of (title, id) over every record, as ranks by id.</summary>
    public static async Task<Dictionary<int, int>> TitleRanksAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var ranks = new Dictionary<int, int>();
        await using var cmd = new NpgsqlCommand("SELECT id FROM datasets ORDER BY title, id", conn) { CommandTimeout = 600 };
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) ranks[r.GetInt32(0)] = ranks.Count + 1;
        return ranks;
    }

    /// <summary>Every record's freshness on <paramref name="today"/>, by id.</summary>
    public static async Task<Dictionary<int, (short Rank, bool Fresh)>> FreshnessAsync(NpgsqlConnection conn, DateOnly today, CancellationToken ct)
    {
        var result = new Dictionary<int, (short, bool)>();
        await using var cmd = new NpgsqlCommand(
            $"SELECT d.id, coalesce({Freshness.RankSql("@today")}, 0)::smallint, coalesce({Freshness.FreshOrDueSql("@today")}, false) FROM datasets d", conn) { CommandTimeout = 600 };
        cmd.Parameters.AddWithValue("today", today);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) result[r.GetInt32(0)] = (r.GetInt16(1), r.GetBoolean(2));
        return result;
    }
}
