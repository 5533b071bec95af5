using Npgsql;
using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.Tests.Coverage.Counting;

/// <summary>A record as the counting tests write it: every attribute a coverage filter or the visibility rule reads.</summary>
public sealed record CountingRecord(
    string Title, string[] Sectors, string? Disaggregation, string[] Methods, string State, string Visibility, bool Deleted,
    bool Sensitive, bool Complete, string Availability, string? Status, string? Frequency, DateOnly? Start, DateOnly? End, (string Pcode, string Origin)[] Links)
{
    public override string ToString() =>
        $"{Title} [{string.Join(",", Sectors)}] {Disaggregation ?? "-"} {string.Join(",", Methods)} {State}/{Visibility}{(Deleted ? "/deleted" : "")}" +
        $"{(Sensitive ? "/sensitive" : "")}{(Complete ? "/complete" : "")} {Availability} {Status} {Frequency} {Start}..{End} {string.Join(",", Links.Select(l => $"{l.Pcode}:{l.Origin}"))}";
}

/// <summary>Writes records straight to the tables, normalised by DatasetUnits in the same transaction (as the write API does).</summary>
public static class CountingCatalogue
{
    public static async Task<int> OrganisationAsync(NpgsqlDataSource db, string name)
    {
        await using var cmd = db.CreateCommand("INSERT INTO organisations (name, acronym, type, active, created_at) VALUES (@name, 'CNT', 'ingo', true, now()) RETURNING id");
        cmd.Parameters.AddWithValue("name", name);
        return (int)(await cmd.ExecuteScalarAsync())!;
    }

    public static async Task<List<int>> InsertAsync(NpgsqlDataSource db, int holder, IEnumerable<CountingRecord> records)
    {
        var ids = new List<int>();
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        foreach (var d in records)
        {
            await using var cmd = new NpgsqlCommand("""
                INSERT INTO datasets (title, holder_id, sectors, indicators, disaggregation_level, methods, spatial_completeness, period_start, period_end,
                                      availability, assessment_status, update_frequency, formats, links, curation_state, visibility, footprint_sensitive,
                                      footprint_threshold, is_demo, created_by, created_at, updated_by, updated_at, deleted_at)
                VALUES (@title, @holder, @sectors, '{}', @level, @methods, @completeness, @start, @end, @availability, @status, @frequency, '{}', '[]',
                        @state, @visibility, @sensitive, 0.05, false, 'test', now(), 'test', now(), CASE WHEN @deleted THEN now() END)
                RETURNING id
                """, conn, tx);
            cmd.Parameters.AddWithValue("title", d.Title);
            cmd.Parameters.AddWithValue("holder", holder);
            cmd.Parameters.AddWithValue("sectors", d.Sectors);
            cmd.Parameters.AddWithValue("methods", d.Methods);
            cmd.Parameters.AddWithValue("completeness", d.Complete ? "complete" : "sample");
            cmd.Parameters.AddWithValue("level", (object?)d.Disaggregation ?? DBNull.Value);
            cmd.Parameters.AddWithValue("start", (object?)d.Start ?? DBNull.Value);
            cmd.Parameters.AddWithValue("end", (object?)d.End ?? DBNull.Value);
            cmd.Parameters.AddWithValue("availability", d.Availability);
            cmd.Parameters.AddWithValue("status", (object?)d.Status ?? DBNull.Value);
            cmd.Parameters.AddWithValue("frequency", (object?)d.Frequency ?? DBNull.Value);
            cmd.Parameters.AddWithValue("state", d.State);
            cmd.Parameters.AddWithValue("visibility", d.Visibility);
            cmd.Parameters.AddWithValue("sensitive", d.Sensitive);
            cmd.Parameters.AddWithValue("deleted", d.Deleted);
            var id = (int)(await cmd.ExecuteScalarAsync())!;
            ids.Add(id);
            foreach (var (pcode, origin) in d.Links)
            {
                await using var link = new NpgsqlCommand("""
                    INSERT INTO dataset_links (dataset_id, pcode, origin, share, edition_id)
                    VALUES (@id, @pcode, @origin, CASE WHEN @origin = 'footprint' THEN 0.4 END, (SELECT max(id) FROM boundary_editions))
                    """, conn, tx);
                link.Parameters.AddWithValue("id", id);
                link.Parameters.AddWithValue("pcode", pcode);
                link.Parameters.AddWithValue("origin", origin);
                await link.ExecuteNonQueryAsync();
            }
            await DatasetUnits.RefreshAsync(conn, id);
        }
        await tx.CommitAsync();
        return ids;
    }
}
