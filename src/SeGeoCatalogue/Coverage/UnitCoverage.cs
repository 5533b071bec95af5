using Npgsql;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.Coverage;

/// <summary>
/// How well one unit is covered by the records a viewer may see under the request's filters. <see cref="Class"/>:
/// "here" (data collected in the unit at its level or finer), "partly" (only some units inside have data),
/// "coarser" (only data about a wider area, e.g. a state-wide sample survey), "none" (a gap).
/// <see cref="CollectedCount"/> counts the records of the first kind; the rest of <see cref="DatasetCount"/> are wider.
/// <see cref="Freshness"/> is the freshness of the freshest record counted (null when none is).
/// </summary>
public sealed record UnitCoverage(
    string Pcode, string? NameEn, string? NameMy, string StatePcode, string? TownshipPcode,
    int DatasetCount, string? FinestLevel, double ShareCovered, string DatasetsJson, string? Geometry,
    string Class, int CollectedCount, string? Freshness)
{
    public static readonly string[] Classes = ["here", "partly", "coarser", "none"];

    /// <summary>The API name of a resolution rank: the disaggregation levels, state (1) … point (7).</summary>
    public static string? LevelName(short? rank) =>
        rank is { } r ? Vocabularies.Levels.FirstOrDefault(l => l.Rank == r).Term?.Code : null;

    /// <summary>Every unit at the request's level, covered or not, in one statement.</summary>
    public static async Task<List<UnitCoverage>> ReadAsync(NpgsqlDataSource db, CoverageRequest request, Viewer viewer, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = CoverageSql.Units(request.Level, request.Filter.ToSql(cmd, viewer), VisibleUnits.DetailColumn(viewer, cmd));
        cmd.Parameters.AddWithValue("level_min", request.LevelMin);
        cmd.Parameters.AddWithValue("state", request.State ?? "");
        cmd.Parameters.AddWithValue("geometry", request.Geometry);
        cmd.Parameters.AddWithValue("today", request.Today);
        var units = new List<UnitCoverage>();
        await using var rows = await cmd.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
        {
            units.Add(new UnitCoverage(
                rows.GetString(0), rows.IsDBNull(1) ? null : rows.GetString(1), rows.IsDBNull(2) ? null : rows.GetString(2),
                rows.GetString(3), rows.IsDBNull(4) ? null : rows.GetString(4),
                rows.GetInt32(5), LevelName(rows.IsDBNull(6) ? null : rows.GetInt16(6)), Math.Round(rows.GetDouble(7), 4),
                rows.GetString(8), rows.IsDBNull(9) ? null : rows.GetString(9), rows.GetString(10), rows.GetInt32(11),
                Datasets.Freshness.StateOfRank(rows.IsDBNull(12) ? null : rows.GetInt16(12))));
        }
        return units;
    }
}
