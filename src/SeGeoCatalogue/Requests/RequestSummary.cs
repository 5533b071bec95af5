using Npgsql;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Requests;

/// <summary>
/// For curators: how many requests per record, per holder organisation and per sector, how many were answered, and
/// the median hours from a request to its first answer (grant or decline), overall and per group. JSON, or f=csv.
/// </summary>
public static class RequestSummary
{
    public sealed record Group(string Key, string Name, int Requests, int Answered, double? MedianHoursToFirstAnswer);
    public sealed record SummaryJson(Group All, IReadOnlyList<Group> PerRecord, IReadOnlyList<Group> PerOrganisation, IReadOnlyList<Group> PerSector);

    public static async Task<IResult> GetAsync(string? f, NpgsqlDataSource data, CancellationToken ct)
    {
        if (f is not (null or "json" or "csv"))
            return new FieldErrors().Add("f", $"'{f}' is not a format of the summary; use json or csv.").ToResult();
        var all = (await GroupsAsync(data, "'all'", "'all requests'", "", ct)).SingleOrDefault() ?? new Group("all", "all requests", 0, 0, null);
        var summary = new SummaryJson(all,
            await GroupsAsync(data, "d.id::text", "d.title", "", ct),
            await GroupsAsync(data, "o.id::text", "o.name", "", ct),
            await GroupsAsync(data, "s.sector", "s.sector", "CROSS JOIN LATERAL unnest(d.sectors) AS s(sector)", ct));
        return f == "csv" ? Csv(summary) : TypedResults.Ok(summary);
    }

    static async Task<List<Group>> GroupsAsync(NpgsqlDataSource data, string key, string name, string join, CancellationToken ct)
    {
        await using var cmd = data.CreateCommand($"""
            SELECT {key}, {name}, count(*)::int, count(r.answered_at)::int,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.answered_at - r.created_at)) / 3600.0
            FROM data_requests r
            JOIN datasets d ON d.id = r.dataset_id
            JOIN organisations o ON o.id = r.holder_id
            {join}
            GROUP BY 1, 2
            ORDER BY 3 DESC, 2
            """);
        var groups = new List<Group>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            groups.Add(new Group(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3),
                reader.IsDBNull(4) ? null : Math.Round(reader.GetDouble(4), 2)));
        return groups;
    }

    static IResult Csv(SummaryJson summary)
    {
        var csv = new CsvText();
        csv.Row("group", "key", "name", "requests", "answered", "median_hours_to_first_answer");
        void Rows(string group, IEnumerable<Group> rows)
        {
            foreach (var g in rows)
                csv.Row(group, g.Key, g.Name, CsvText.Number(g.Requests), CsvText.Number(g.Answered),
                    g.MedianHoursToFirstAnswer is { } h ? CsvText.Number(h) : "");
        }
        Rows("all", [summary.All]);
        Rows("record", summary.PerRecord);
        Rows("organisation", summary.PerOrganisation);
        Rows("sector", summary.PerSector);
        return csv.ToResult();
    }
}
