using System.Net.Http.Json;
using SeGeoCatalogue.Tests.Access;

namespace SeGeoCatalogue.Tests.Requests;

/// <summary>The curators' counts, on a database of its own (the class fixture) so every request in it is known.</summary>
public sealed class RequestSummaryTests(RequestsFixture fixture) : IClassFixture<RequestsFixture>
{
    [Fact]
    public async Task The_summary_counts_requests_per_record_organisation_and_sector_with_the_median_hours_to_a_first_answer()
    {
        var (a, b, c) = (await fixture.CreateOrganisationAsync("A"), await fixture.CreateOrganisationAsync("Holder B"), await fixture.CreateOrganisationAsync("Holder C"));
        var r1 = await fixture.CreateDatasetAsync(b, "published", "network", "R1 water and clinics", availability: "on-request", sectors: ["wash", "services"]);
        var r2 = await fixture.CreateDatasetAsync(b, "published", "network", "R2 water points", availability: "members", sectors: ["wash"]);
        var r3 = await fixture.CreateDatasetAsync(c, "published", "network", "R3 harvest survey", availability: "on-request", sectors: ["food-security"]);
        var (a1, a2) = (await fixture.MemberAsync(a, "a1"), await fixture.MemberAsync(a, "a2"));
        var curator = await fixture.CuratorAsync();
        // request → hours until its first answer (null: still open)
        var plan = new (Person Who, int Record, double? Hours)[] { (a1, r1, 2), (a2, r1, 6), (a1, r2, 1), (a1, r3, null), (a2, r3, 10) };
        foreach (var (who, record, hours) in plan)
        {
            var id = await who.RequestIdAsync(record);
            if (hours is null) continue;
            await curator.Client.PostAsJsonAsync($"/api/requests/{id}/answer", new { decision = "decline", message = "No." });
            await using var cmd = fixture.App.DataSource.CreateCommand(
                "UPDATE data_requests SET created_at = '2026-01-01T00:00:00Z', answered_at = '2026-01-01T00:00:00Z'::timestamptz + make_interval(hours => @h) WHERE id = @id");
            cmd.Parameters.AddWithValue("h", (int)hours);
            cmd.Parameters.AddWithValue("id", id);
            await cmd.ExecuteNonQueryAsync();
        }

        var summary = await curator.GetAsync("/api/requests/summary");

        static Dictionary<string, (int, int, double?)> Groups(System.Text.Json.Nodes.JsonNode list) =>
            list.AsArray().ToDictionary(g => (string)g!["name"]!, g => ((int)g!["requests"]!, (int)g["answered"]!, (double?)g["median_hours_to_first_answer"]));
        Assert.Equal((5, 4, 4.0), ((int)summary["all"]!["requests"]!, (int)summary["all"]!["answered"]!, (double?)summary["all"]!["median_hours_to_first_answer"]));
        Assert.Equal(new Dictionary<string, (int, int, double?)>
        {
            ["R1 water and clinics"] = (2, 2, 4), ["R2 water points"] = (1, 1, 1), ["R3 harvest survey"] = (2, 1, 10),
        }, Groups(summary["per_record"]!));
        var holderB = await fixture.App.ScalarAsync<string>("SELECT name FROM organisations WHERE id = @id", ("id", b));
        var holderC = await fixture.App.ScalarAsync<string>("SELECT name FROM organisations WHERE id = @id", ("id", c));
        Assert.Equal(new Dictionary<string, (int, int, double?)> { [holderB] = (3, 3, 2), [holderC] = (2, 1, 10) }, Groups(summary["per_organisation"]!));
        Assert.Equal(new Dictionary<string, (int, int, double?)>
        {
            ["wash"] = (3, 3, 2), ["services"] = (2, 2, 4), ["food-security"] = (2, 1, 10),
        }, Groups(summary["per_sector"]!));

        var csv = await curator.Client.GetAsync("/api/requests/summary?f=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("group,key,name,requests,answered,median_hours_to_first_answer", lines[0]);
        Assert.Contains("all,all,all requests,5,4,4", lines);
        Assert.Contains($"record,{r3},R3 harvest survey,2,1,10", lines);
        Assert.Contains("sector,wash,wash,3,3,2", lines);
        Assert.Equal(1 + 1 + 3 + 2 + 3, lines.Length);
    }

    [Fact]
    public async Task The_summary_is_for_curators_only()
    {
        var member = await fixture.MemberAsync(await fixture.CreateOrganisationAsync("A"));
        Assert.Equal(403, (int)(await member.Client.GetAsync("/api/requests/summary")).StatusCode);
        Assert.Equal(400, (int)(await (await fixture.CuratorAsync()).Client.GetAsync("/api/requests/summary?f=xlsx")).StatusCode);
    }
}
