using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using SeGeoCatalogue.Footprints;

namespace SeGeoCatalogue.Datasets;

/// <summary>
/// Loads <see cref="DemoRecords"/>: replaces every is_demo record (and only those) in one transaction, adds
/// missing holder organisations, links picks and footprints, and normalises their units.
/// </summary>
public static class DemoCatalogue
{
    const string Author = "demo-seed";

    public static async Task<int> SeedAsync(NpgsqlDataSource db, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await ExecuteAsync(conn, "DELETE FROM datasets WHERE is_demo", _ => { }, ct);
        foreach (var o in DemoRecords.Organisations)
            await ExecuteAsync(conn, """
                INSERT INTO organisations (name, acronym, type, active, created_at) VALUES (@name, @acronym, @type, true, now())
                ON CONFLICT (name) DO NOTHING
                """, p => { p.AddWithValue("name", o.Name); p.AddWithValue("acronym", o.Acronym); p.AddWithValue("type", o.Type); }, ct);

        foreach (var r in DemoRecords.Records)
            await ExecuteAsync(conn, $"""
                WITH d AS (
                  INSERT INTO datasets (title, summary, holder_id, contact, source, sectors, indicators, disaggregation_level, methods,
                                        spatial_completeness, period_start, period_end, update_frequency, availability, formats, links, assessment_status,
                                        curation_state, visibility, footprint, footprint_sensitive, footprint_threshold, is_demo,
                                        created_by, created_at, updated_by, updated_at)
                  SELECT '[Demo] ' || @title, @summary, o.id, 'info@themimu.info (demo)', @source, @sectors, @indicators, @level, @methods,
                         {Vocabularies.DefaultCompletenessSql("@methods")}, @start, @end, @frequency, @availability, ARRAY['xlsx', 'csv'], '[]', @status, @curation, @visibility,
                         (SELECT ST_Multi(ST_Buffer(ST_PointOnSurface(u.geom)::geography, @km * 1000)::geometry)
                          FROM admin_units u WHERE u.pcode = @around),
                         @sensitive, 0.05, true, @author, now(), @author, now()
                  FROM organisations o WHERE o.name = @holder
                  RETURNING id)
                INSERT INTO dataset_links (dataset_id, pcode, origin, share, edition_id)
                SELECT d.id, p, 'picked', NULL, (SELECT max(id) FROM boundary_editions) FROM d, unnest(@pcodes) p
                """, p =>
                {
                    p.AddWithValue("title", r.Title);
                    p.AddWithValue("summary", r.Summary);
                    p.AddWithValue("holder", DemoRecords.Organisations.Single(o => o.Acronym == r.Holder).Name);
                    p.AddWithValue("source", r.Source);
                    p.AddWithValue("sectors", r.Sectors);
                    p.AddWithValue("indicators", r.Indicators);
                    p.AddWithValue("level", r.Level);
                    p.AddWithValue("methods", r.Methods);
                    p.Add(new NpgsqlParameter("start", NpgsqlDbType.Date) { Value = r.Start is null ? DBNull.Value : DateOnly.Parse(r.Start, CultureInfo.InvariantCulture) });
                    p.Add(new NpgsqlParameter("end", NpgsqlDbType.Date) { Value = r.End is null ? DBNull.Value : DateOnly.Parse(r.End, CultureInfo.InvariantCulture) });
                    p.AddWithValue("frequency", r.Frequency);
                    p.AddWithValue("availability", r.Availability);
                    p.Add(new NpgsqlParameter("status", NpgsqlDbType.Text) { Value = (object?)r.Status ?? DBNull.Value });
                    p.AddWithValue("curation", r.Curation);
                    p.AddWithValue("visibility", r.Visibility);
                    p.Add(new NpgsqlParameter("around", NpgsqlDbType.Text) { Value = (object?)r.Around ?? DBNull.Value });
                    p.AddWithValue("km", r.Km);
                    p.AddWithValue("sensitive", r.Sensitive);
                    p.AddWithValue("author", Author);
                    p.AddWithValue("pcodes", r.Pcodes);
                }, ct);

        await FootprintLinks.ReplaceAsync(conn, "d.is_demo", _ => { }, ct);
        await DatasetUnits.RefreshWhereAsync(conn, "d.is_demo", ct);
        var count = await ExecuteAsync(conn, """
            INSERT INTO dataset_changes (dataset_id, changed_at, changed_by, action, changes, comment)
            SELECT id, now(), @author, 'created', '[]', 'Demo catalogue (seed-demo)' FROM datasets WHERE is_demo
            """, p => p.AddWithValue("author", Author), ct);
        await tx.CommitAsync(ct);
        return count;
    }

    static async Task<int> ExecuteAsync(NpgsqlConnection conn, string sql, Action<NpgsqlParameterCollection> parameters, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        parameters(cmd.Parameters);
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
