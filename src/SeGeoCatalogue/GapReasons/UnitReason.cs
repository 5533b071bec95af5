using Npgsql;
using NpgsqlTypes;
using SeGeoCatalogue.Boundaries;

namespace SeGeoCatalogue.GapReasons;

/// <summary>A mark as the maps report it: the reason, the comment, the date, and the organisation and role of who said it.</summary>
public sealed record ReasonMark(string Sector, string Reason, string Comment, DateOnly ObservedOn, string? Organisation, string Role, DateTimeOffset MarkedAt);

/// <summary>
/// Why a unit of a map has no data: <see cref="Reason"/> and the marks behind it (one per chosen sector).
/// A mark holds for the unit it is on and every unit inside it (a township with no coastline has none in its tracts);
/// the unit's own mark wins over one on a unit around it.
/// </summary>
public sealed record UnitReason(string Reason, IReadOnlyList<ReasonMark> Marks)
{
    /// <summary>
    /// The mark nearest to each unit of <paramref name="level"/> (in <paramref name="state"/> when given) for each of
    /// <paramref name="sectors"/>: pcode → sector → mark.
    /// </summary>
    public static async Task<Dictionary<string, Dictionary<string, ReasonMark>>> NearestAsync(NpgsqlDataSource db, AdminLevel level,
        IReadOnlyList<string> sectors, string? state, CancellationToken ct)
    {
        var result = new Dictionary<string, Dictionary<string, ReasonMark>>();
        if (sectors.Count == 0) return result;
        await using var cmd = db.CreateCommand("""
            SELECT DISTINCT ON (u.pcode, m.sector) u.pcode, m.sector, m.reason, m.comment, m.observed_on, o.name, m.marked_by_role, m.created_at
            FROM gap_marks m
            JOIN admin_units mu ON mu.pcode = m.pcode
            JOIN admin_units u ON m.pcode IN (u.pcode, u.state_pcode, u.district_pcode, u.township_pcode, u.parent_pcode)
            LEFT JOIN organisations o ON o.id = m.organisation_id
            WHERE m.withdrawn_at IS NULL AND m.sector = ANY(@sectors)
              AND u.level = @level AND u.retired_at IS NULL AND (@state = '' OR u.state_pcode = @state)
            ORDER BY u.pcode, m.sector, mu.level DESC
            """);
        cmd.Parameters.Add(new NpgsqlParameter("sectors", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = sectors.ToArray() });
        cmd.Parameters.AddWithValue("level", (short)level);
        cmd.Parameters.AddWithValue("state", state ?? "");
        await using var rows = await cmd.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
        {
            var pcode = rows.GetString(0);
            if (!result.TryGetValue(pcode, out var bySector)) result[pcode] = bySector = [];
            bySector[rows.GetString(1)] = new ReasonMark(rows.GetString(1), rows.GetString(2), rows.GetString(3), rows.GetFieldValue<DateOnly>(4),
                rows.IsDBNull(5) ? null : rows.GetString(5), rows.GetString(6), rows.GetFieldValue<DateTimeOffset>(7));
        }
        return result;
    }

    /// <summary>
    /// The reason of each unit of a map filtered to <paramref name="sectors"/>: set only when every chosen sector is marked
    /// there ("not-applicable" when all of them are, else "inaccessible"). A map of all sectors has no reasons: a mark is
    /// about one sector, never about all data.
    /// </summary>
    public static async Task<Dictionary<string, UnitReason>> ReadAsync(NpgsqlDataSource db, AdminLevel level,
        IReadOnlyList<string> sectors, string? state, CancellationToken ct)
    {
        var nearest = await NearestAsync(db, level, sectors, state, ct);
        var chosen = sectors.Distinct().ToList();
        var reasons = new Dictionary<string, UnitReason>();
        foreach (var (pcode, bySector) in nearest)
        {
            if (!chosen.All(bySector.ContainsKey)) continue;
            var marks = chosen.Select(s => bySector[s]).ToList();
            var reason = marks.All(m => m.Reason == GapReasonCodes.NotApplicable) ? GapReasonCodes.NotApplicable : GapReasonCodes.Inaccessible;
            reasons[pcode] = new UnitReason(reason, marks);
        }
        return reasons;
    }
}
