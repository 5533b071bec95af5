using System.Text.Json.Nodes;
using Npgsql;
using SeGeoCatalogue.Tests.Infrastructure;
using SeGeoCatalogue.Tests.Ogc;

namespace SeGeoCatalogue.Tests.Datasets;

/// <summary>Freshness at each threshold edge, per update frequency, as the record API and fresh=only see it.</summary>
public sealed class FreshnessTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    /// <summary>Hand-written from HDX's data-freshness thresholds (days after the period end: due, overdue, delinquent).</summary>
    public static TheoryData<string?, int, int, int> Thresholds => new()
    {
        { "continuous", 1, 2, 3 },
        { "monthly", 30, 44, 60 },
        { "quarterly", 90, 120, 150 },
        { "annual", 365, 425, 455 },
        { "one-off", 730, 790, 820 },   // judged by age alone (Freshness:MaxAgeDays, default 730)
        { "irregular", 730, 790, 820 },
        { null, 730, 790, 820 },
    };

    /// <summary>The service's clock: 20:00 UTC on 4 March is already 5 March (02:30) in Myanmar, the day freshness is judged by.</summary>
    static readonly DateTimeOffset Now = new(2026, 3, 4, 20, 0, 0, TimeSpan.Zero);
    static readonly DateOnly Today = new(2026, 3, 5);

    [Theory]
    [MemberData(nameof(Thresholds))]
    public async Task A_record_turns_due_overdue_and_delinquent_on_the_day_of_each_threshold(string? frequency, int due, int overdue, int delinquent)
    {
        var cases = new (int Age, string State)[]
        {
            (due - 1, "fresh"), (due, "due"), (overdue - 1, "due"), (overdue, "overdue"),
            (delinquent - 1, "overdue"), (delinquent, "delinquent"), (delinquent + 1, "delinquent"),
        };
        var sector = $"freshness-{frequency ?? "none"}";
        var ids = new List<(int Id, string State)>();
        await using (var conn = await fixture.App.DataSource.OpenConnectionAsync())
        {
            var holder = await OpenFormatsFixture.InsertAsync<int>(conn,
                $"INSERT INTO organisations (name, acronym, type, active, created_at) VALUES ('Fresh {sector}', 'F', 'ingo', true, now()) RETURNING id");
            foreach (var (age, state) in cases)
                ids.Add((await InsertAsync(conn, holder, frequency, Today.AddDays(-age), $"{sector} age {age}"), state));
        }

        await using var app = fixture.App.At(Now);
        var client = app.CreateClient();
        foreach (var (id, state) in ids)
        {
            var record = JsonNode.Parse(await client.GetStringAsync($"/api/datasets/{id}"))!;
            Assert.True(state == (string)record["freshness"]!, $"{record["title"]}: {record["freshness"]}, expected {state}");
        }

        var holderId = (int)JsonNode.Parse(await client.GetStringAsync($"/api/datasets/{ids[0].Id}"))!["holder"]!["id"]!;
        var all = JsonNode.Parse(await client.GetStringAsync($"/api/datasets?holder={holderId}&limit=50"))!;
        var fresh = JsonNode.Parse(await client.GetStringAsync($"/api/datasets?holder={holderId}&fresh=only&limit=50"))!;
        Assert.Equal(cases.Length, (int)all["total"]!);
        Assert.Equal(cases.Count(c => c.State is "fresh" or "due"), (int)fresh["total"]!);

        // The coverage map counts the same: only the fresh and due records reach Mon's townships.
        var coverage = JsonNode.Parse(await client.GetStringAsync($"/api/coverage?level=state&holder={holderId}&fresh=only&geometry=none"))!;
        var mon = coverage["features"]!.AsArray().Single(f => (string)f!["id"]! == "MMR011")!["properties"]!;
        Assert.Equal(cases.Count(c => c.State is "fresh" or "due"), (int)mon["dataset_count"]!);
    }

    [Fact]
    public async Task Each_unit_carries_the_freshness_of_the_freshest_record_that_counts_for_it()
    {
        int holder;
        await using (var conn = await fixture.App.DataSource.OpenConnectionAsync())
        {
            holder = await OpenFormatsFixture.InsertAsync<int>(conn,
                "INSERT INTO organisations (name, acronym, type, active, created_at) VALUES ('Freshest', 'F', 'ingo', true, now()) RETURNING id");
            // Mawlamyine: an annual record 430 days old (overdue) and one 500 days old (delinquent); all of Kayin: an
            // annual record 400 days old (due), which reaches each of its townships.
            await InsertAsync(conn, holder, "annual", Today.AddDays(-430), "Overdue in Mawlamyine");
            await InsertAsync(conn, holder, "annual", Today.AddDays(-500), "Delinquent in Mawlamyine");
            await InsertAsync(conn, holder, "annual", Today.AddDays(-400), "Due across Kayin", "MMR003");
        }
        await using var app = fixture.App.At(Now);

        var coverage = JsonNode.Parse(await app.CreateClient().GetStringAsync($"/api/coverage?level=township&holder={holder}&geometry=none"))!;

        var freshness = coverage["features"]!.AsArray().ToDictionary(f => (string)f!["id"]!, f => (string?)f!["properties"]!["freshness"]);
        var kayin = BoundaryData.Read("townships.geojson").Where(f => f.Property("st_pcode") == "MMR003").Select(f => f.Property("ts_pcode")).ToHashSet();
        Assert.Equal("overdue", freshness["MMR011001"]);
        Assert.All(kayin, pcode => Assert.Equal("due", freshness[pcode]));
        Assert.All(freshness.Where(f => f.Key != "MMR011001" && !kayin.Contains(f.Key)), f => Assert.Null(f.Value));
        var csv = await app.CreateClient().GetStringAsync($"/api/coverage?level=township&holder={holder}&f=csv");
        Assert.Contains(",finest_level,freshness,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_fresh_value_names_the_field()
    {
        var response = await fixture.Client.GetAsync("/api/coverage?fresh=yes");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("fresh", await response.Content.ReadAsStringAsync());
    }

    static async Task<int> InsertAsync(NpgsqlConnection conn, int holder, string? frequency, DateOnly end, string title, string pcode = "MMR011001")
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO datasets (title, holder_id, sectors, indicators, methods, period_start, period_end, update_frequency, availability,
                                  formats, links, curation_state, visibility, footprint_sensitive, footprint_threshold, is_demo,
                                  created_by, created_at, updated_by, updated_at)
            VALUES (@title, @holder, '{wash}', '{}', '{}', @end - 10, @end, @frequency, 'public', '{}', '[]', 'published', 'public',
                    false, 0.05, false, 'test', now(), 'test', now())
            RETURNING id
            """, conn);
        cmd.Parameters.AddWithValue("title", title);
        cmd.Parameters.AddWithValue("holder", holder);
        cmd.Parameters.AddWithValue("end", end);
        cmd.Parameters.Add(new NpgsqlParameter("frequency", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)frequency ?? DBNull.Value });
        var id = (int)(await cmd.ExecuteScalarAsync())!;
        await OpenFormatsFixture.LinkAsync(conn, id, [pcode]);
        await SeGeoCatalogue.Datasets.DatasetUnits.RefreshAsync(conn, id);
        return id;
    }
}
