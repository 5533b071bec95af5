using Npgsql;
using SeGeoCatalogue.Boundaries;

namespace SeGeoCatalogue.Demand;

/// <summary>The demand on one unit of a map: how many organisations asked, how many needs, the newest note.</summary>
public sealed record UnitDemand(int Organisations, int Needs, string NewestNote, DateTimeOffset NewestAt)
{
    /// <summary>
    /// A need counts for a unit of the map when it was marked on the unit, on a unit inside it (demand there is
    /// demand in the unit), or on a unit that contains it (a township-wide need is a need in each of its tracts).
    /// Optional sector and indicator filters, as the map's. Organisations count distinct; a curator without one
    /// counts as themselves.
    /// </summary>
    public static async Task<Dictionary<string, UnitDemand>> ReadAsync(NpgsqlDataSource db, AdminLevel level,
        IReadOnlyList<string> sectors, IReadOnlyList<string> indicators, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            WITH n AS (
                SELECT dn.id, coalesce(dn.organisation_id::text, dn.created_by_id) AS who, dn.note, dn.created_at,
                       au.pcode, au.state_pcode, au.district_pcode, au.township_pcode, au.parent_pcode
                FROM data_needs dn
                JOIN data_need_units nu ON nu.need_id = dn.id
                JOIN admin_units au ON au.pcode = nu.pcode
                WHERE dn.withdrawn_at IS NULL
                  AND (cardinality(@sectors) = 0 OR dn.sector = ANY(@sectors))
                  AND (cardinality(@indicators) = 0 OR dn.indicator = ANY(@indicators)))
            SELECT m.pcode, count(DISTINCT n.who)::int, count(DISTINCT n.id)::int,
                   (array_agg(n.note ORDER BY n.created_at DESC, n.id DESC))[1], max(n.created_at)
            FROM admin_units m
            JOIN n ON n.pcode = m.pcode
                   OR n.pcode IN (m.state_pcode, m.district_pcode, m.township_pcode, m.parent_pcode)
                   OR m.pcode IN (n.state_pcode, n.district_pcode, n.township_pcode, n.parent_pcode)
            WHERE m.level = @level AND m.retired_at IS NULL
            GROUP BY m.pcode
            """);
        cmd.Parameters.AddWithValue("sectors", sectors.ToArray());
        cmd.Parameters.AddWithValue("indicators", indicators.ToArray());
        cmd.Parameters.AddWithValue("level", (short)level);
        var demand = new Dictionary<string, UnitDemand>();
        await using var rows = await cmd.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
            demand[rows.GetString(0)] = new UnitDemand(rows.GetInt32(1), rows.GetInt32(2), rows.GetString(3), rows.GetFieldValue<DateTimeOffset>(4));
        return demand;
    }
}
