using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Access;
using SeGeoCatalogue.Tests.Infrastructure;
using SeGeoCatalogue.Tests.Requests;

namespace SeGeoCatalogue.Tests.GapReasons;

/// <summary>
/// Why a gap is a gap: not-applicable / inaccessible marks on a unit × sector. Hpa-An township (MMR003001) holds the
/// village tract MMR003001001; MMR003002 and MMR003003 are other townships of Kayin (MMR003). The tests share a
/// database, so each keeps to its own sectors.
/// </summary>
public sealed class GapReasonTests(RequestsFixture fixture) : IClassFixture<RequestsFixture>
{
    const string Township = "MMR003001", Tract = "MMR003001001", OtherTownship = "MMR003002", ThirdTownship = "MMR003003";

    static Task<HttpResponseMessage> MarkAsync(HttpClient client, string pcode, string sector, string reason = "inaccessible",
        string? comment = "no access since the 2024 fighting", string? observedOn = null) =>
        client.PostAsJsonAsync("/api/gap-marks", new { pcode, sector, reason, comment, observed_on = observedOn });

    static async Task<int> MarkIdAsync(HttpClient client, string pcode, string sector, string reason = "inaccessible", string comment = "no access")
    {
        var response = await MarkAsync(client, pcode, sector, reason, comment);
        Assert.True((int)response.StatusCode == 201, $"mark {pcode} {sector}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (int)(await Json.ReadAsync(response))["id"]!;
    }

    /// <summary>A record of <paramref name="holder"/> linked to the pcodes, created by its member; published for the public when asked.</summary>
    async Task<int> RecordAsync(Person member, int holder, string sector, string[] pcodes, bool publish)
    {
        var created = await member.Client.PostAsJsonAsync("/api/datasets", new
        {
            title = $"{sector} record in {string.Join(" ", pcodes)}", holder_id = holder, sectors = new[] { sector }, availability = "public",
            disaggregation_level = pcodes[0].Length > 9 ? "village-tract" : "township", area = new { pcodes },
        });
        Assert.True((int)created.StatusCode == 201, await created.Content.ReadAsStringAsync());
        var id = (int)(await Json.ReadAsync(created))["id"]!;
        if (!publish) return id;
        Assert.True((await member.Client.PostAsync($"/api/datasets/{id}/submit", null)).IsSuccessStatusCode);
        var curator = await fixture.CuratorAsync();
        Assert.True((await curator.Client.PostAsJsonAsync($"/api/datasets/{id}/publish", new { visibility = "public" })).IsSuccessStatusCode);
        return id;
    }

    [Fact]
    public async Task Who_may_mark_curators_anywhere_members_where_their_organisation_holds_a_record_of_the_sector()
    {
        var holderOrg = await fixture.CreateOrganisationAsync("Holder");
        var holder = await fixture.MemberAsync(holderOrg, "holder");
        var other = await fixture.MemberAsync(await fixture.CreateOrganisationAsync("Other"), "other");
        var curator = await fixture.CuratorAsync();
        // A draft of the holder: hazards, linked to Hpa-An township.
        await RecordAsync(holder, holderOrg, "hazards", [Township], publish: false);
        var anonymous = fixture.NewClient();

        // who, unit, sector → status (written out by hand: the rule is "linked to the unit, around it or inside it").
        var matrix = new (string Who, HttpClient Client, string Pcode, string Sector, int Status)[]
        {
            ("anonymous", anonymous, Township, "hazards", 401),
            ("member of holder", holder.Client, Township, "hazards", 201),      // the record's own unit
            ("member of holder", holder.Client, Tract, "hazards", 201),         // inside it
            ("member of holder", holder.Client, "MMR003", "hazards", 201),      // the state around it
            ("member of holder", holder.Client, OtherTownship, "hazards", 403), // elsewhere
            ("member of holder", holder.Client, Township, "justice", 403),      // another sector
            ("member of other org", other.Client, Township, "hazards", 403),
            ("member of other org", other.Client, Tract, "hazards", 403),
            ("curator", curator.Client, OtherTownship, "hazards", 201),
            ("curator", curator.Client, "MMR016001", "justice", 201),
        };
        var wrong = new List<string>();
        foreach (var (who, client, pcode, sector, status) in matrix)
        {
            var got = (int)(await MarkAsync(client, pcode, sector)).StatusCode;
            if (got != status) wrong.Add($"{who} on {pcode} × {sector}: {got}, expected {status}");
        }
        Assert.Empty(wrong);

        // Withdrawing needs the same right; the other organisation cannot.
        var id = await MarkIdAsync(holder.Client, Township, "hazards", "not-applicable", "no river here");
        Assert.Equal(403, (int)(await other.Client.DeleteAsync($"/api/gap-marks/{id}")).StatusCode);
        Assert.Equal(401, (int)(await anonymous.DeleteAsync($"/api/gap-marks/{id}")).StatusCode);
        Assert.Equal(204, (int)(await curator.Client.DeleteAsync($"/api/gap-marks/{id}")).StatusCode);
        Assert.Equal(404, (int)(await holder.Client.DeleteAsync($"/api/gap-marks/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_new_mark_replaces_the_old_one_and_every_change_is_audited()
    {
        var curator = await fixture.CuratorAsync();
        var first = await MarkIdAsync(curator.Client, OtherTownship, "economic", "inaccessible", "first");
        var second = await MarkIdAsync(curator.Client, OtherTownship, "economic", "not-applicable", "second");
        var active = (await curator.GetAsync($"/api/gap-marks?pcode={OtherTownship}&sector=economic"))["items"]!.AsArray();
        Assert.Equal([second], active.Select(m => (int)m!["id"]!));
        Assert.Equal(1L, await fixture.App.ScalarAsync<long>("SELECT count(*) FROM gap_marks WHERE id = @id AND withdrawn_at IS NOT NULL", ("id", first)));
        Assert.Equal(204, (int)(await curator.Client.DeleteAsync($"/api/gap-marks/{second}")).StatusCode);

        var audited = await fixture.App.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE user_id = @id AND (action LIKE 'POST /api/gap-marks%' OR action LIKE 'DELETE /api/gap-marks/%')", ("id", curator.UserId));
        Assert.Equal(3L, audited);
    }

    [Fact]
    public async Task Marks_never_hide_a_record_nor_change_the_counts_of_data()
    {
        var holderOrg = await fixture.CreateOrganisationAsync("Land holder");
        var holder = await fixture.MemberAsync(holderOrg, "land");
        var record = await RecordAsync(holder, holderOrg, "land-natural-resources", [Township], publish: true);
        var anonymous = fixture.NewClient();
        const string query = "level=township&sector=land-natural-resources&geometry=none";
        static Dictionary<string, (int, string, string?)> Counts(JsonNode body) => body["features"]!.AsArray().Select(f => f!["properties"]!)
            .ToDictionary(p => (string)p["pcode"]!, p => ((int)p["dataset_count"]!, (string)p["class"]!, (string?)p["finest_level"]));
        var before = Counts(await Json.ReadAsync(await anonymous.GetAsync($"/api/coverage?{query}")));

        var curator = await fixture.CuratorAsync();
        await MarkIdAsync(curator.Client, Township, "land-natural-resources", "inaccessible", "said wrongly: there is data here");
        await MarkIdAsync(curator.Client, "MMR003", "land-natural-resources", "not-applicable", "whole state");

        var after = await Json.ReadAsync(await anonymous.GetAsync($"/api/coverage?{query}"));
        Assert.Equal(before, Counts(after));
        Assert.Equal((1, "here", "township"), before[Township]);
        // The record is still found for the unit, and the unit with data still says what was marked.
        var listed = await Json.ReadAsync(await anonymous.GetAsync($"/api/datasets?pcode={Township}&sector=land-natural-resources"));
        Assert.Contains(record, listed["items"]!.AsArray().Select(i => (int)i!["id"]!));
        var hpaAn = after["features"]!.AsArray().Single(f => (string)f!["properties"]!["pcode"]! == Township)!["properties"]!;
        Assert.Equal("inaccessible", (string?)hpaAn["reason"]);
        // A unit with data is never a gap, marked or not.
        var gaps = await Json.ReadAsync(await anonymous.GetAsync($"/api/gaps?{query}"));
        Assert.DoesNotContain(Township, gaps["features"]!.AsArray().Select(f => (string)f!["properties"]!["pcode"]!));
    }

    [Fact]
    public async Task Gaps_and_grid_report_marked_units_apart_from_true_gaps_with_totals_counted_from_the_boundary_files()
    {
        const string sector = "physical";
        var holderOrg = await fixture.CreateOrganisationAsync("Physical holder");
        var holder = await fixture.MemberAsync(holderOrg, "phys");
        await RecordAsync(holder, holderOrg, sector, [Tract], publish: true);
        var curator = await fixture.CuratorAsync();
        await MarkIdAsync(holder.Client, Township, sector, "inaccessible", "no access since 2024");               // Hpa-An and its tracts
        await MarkIdAsync(curator.Client, ThirdTownship, sector, "inaccessible", "not assessed: checkpoints");   // a township without data
        var firstTractOfOther = BoundaryData.Read("village_tracts.geojson").Select(f => f.Property("vt_pcode"))
            .Where(p => p.StartsWith(OtherTownship, StringComparison.Ordinal)).Order().First();
        await MarkIdAsync(curator.Client, firstTractOfOther, sector, "not-applicable", "no coastline");
        var anonymous = fixture.NewClient();

        // Townships: only Hpa-An has data (partly: one tract); MMR003003 is marked; the tract's mark does not reach its township.
        var townships = BoundaryData.Read("townships.geojson").Count;
        var gaps = await Json.ReadAsync(await anonymous.GetAsync($"/api/gaps?level=township&sector={sector}&geometry=none"));
        var summary = gaps["summary"]!;
        Assert.Equal((townships, townships - 2, 0, 1, townships - 1),
            ((int)summary["units"]!, (int)summary["gaps"]!, (int)summary["not_applicable"]!, (int)summary["inaccessible"]!, (int)summary["no_data"]!));
        var reasons = gaps["features"]!.AsArray().Select(f => f!["properties"]!).Where(p => p["reason"] is not null)
            .ToDictionary(p => (string)p["pcode"]!, p => (string)p["reason"]!);
        Assert.Equal(new Dictionary<string, string> { [ThirdTownship] = "inaccessible" }, reasons);
        var mark = gaps["features"]!.AsArray().Single(f => (string)f!["properties"]!["pcode"]! == ThirdTownship)!["properties"]!["reason_marks"]![0]!;
        Assert.Equal(("not assessed: checkpoints", null, "curator"),
            ((string)mark["comment"]!, (string?)mark["marked_by"]!["organisation"], (string)mark["marked_by"]!["role"]!));

        // Village tracts, counted from the boundary file: Hpa-An's tracts are inaccessible but one has data.
        var tracts = BoundaryData.Read("village_tracts.geojson");
        int In(string township) => tracts.Count(f => f.Property("ts_pcode") == township);
        var inaccessible = In(Township) - 1 + In(ThirdTownship);
        var kayin = tracts.Count(f => f.Property("st_pcode") == "MMR003");
        var vt = (await Json.ReadAsync(await anonymous.GetAsync($"/api/gaps?level=village-tract&sector={sector}&geometry=none")))["summary"]!;
        Assert.Equal((tracts.Count, tracts.Count - 1 - inaccessible - 1, 1, inaccessible),
            ((int)vt["units"]!, (int)vt["gaps"]!, (int)vt["not_applicable"]!, (int)vt["inaccessible"]!));
        var kayinTotals = vt["by_state"]!.AsArray().Single(s => (string)s!["state_pcode"]! == "MMR003")!;
        Assert.Equal((kayin, kayin - 1 - inaccessible - 1, 1, inaccessible),
            ((int)kayinTotals["units"]!, (int)kayinTotals["gaps"]!, (int)kayinTotals["not_applicable"]!, (int)kayinTotals["inaccessible"]!));

        // The grid: each township's cell carries the mark on it (or around it), whatever its count.
        var grid = await Json.ReadAsync(await anonymous.GetAsync($"/api/coverage/grid?sector={sector}&state=MMR003"));
        var cells = grid["rows"]!.AsArray().ToDictionary(r => (string)r!["pcode"]!, r => r!["cells"]![sector]!);
        Assert.Equal((1, "inaccessible"), ((int)cells[Township]["count"]!, (string?)cells[Township]["reason"]));
        Assert.Equal((0, "inaccessible"), ((int)cells[ThirdTownship]["count"]!, (string?)cells[ThirdTownship]["reason"]));
        Assert.Equal((0, null), ((int)cells[OtherTownship]["count"]!, (string?)cells[OtherTownship]["reason"]));

        // Downloads and OGC carry the reason too.
        var csv = await anonymous.GetStringAsync($"/api/gaps?level=township&sector={sector}&f=csv");
        Assert.Contains("reason,reason_detail", csv);
        Assert.Contains($"{ThirdTownship},", csv);
        Assert.True(csv.Contains("inaccessible,\"physical inaccessible: not assessed: checkpoints (curator, "), csv[..Math.Min(csv.Length, 600)]);
        var ogc = await Json.ReadAsync(await anonymous.GetAsync($"/ogc/collections/coverage-{sector}-township/items/{ThirdTownship}"));
        Assert.Equal(("inaccessible", "not assessed: checkpoints"), ((string?)ogc["properties"]!["reason"], (string?)ogc["properties"]!["reason_comment"]));
    }

    [Fact]
    public async Task The_public_sees_marks_with_the_organisation_never_the_email()
    {
        var orgName = "Shown organisation " + Guid.NewGuid().ToString("N")[..6];
        var holderOrg = await fixture.CreateOrganisationAsync(orgName);
        var holder = await fixture.MemberAsync(holderOrg, "shown");
        await RecordAsync(holder, holderOrg, "administration", [Township], publish: false);
        await MarkIdAsync(holder.Client, Township, "administration", "not-applicable", "no administration office");

        foreach (var url in new[] { "/api/gap-marks?sector=administration", "/api/coverage?level=township&sector=administration&geometry=none",
                     "/api/gaps?level=township&sector=administration&geometry=none", "/api/gaps?level=township&sector=administration&f=csv",
                     "/api/coverage/grid?sector=administration" })
        {
            var text = await fixture.NewClient().GetStringAsync(url);
            Assert.Contains(orgName, text);
            Assert.DoesNotContain(holder.Email, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(holder.UserId, text);
        }
    }

    [Fact]
    public async Task Bad_marks_are_refused_naming_the_field_and_nothing_is_stored()
    {
        var curator = await fixture.CuratorAsync();
        async Task<string[]> ErrorsAsync(object body)
        {
            var response = await curator.Client.PostAsJsonAsync("/api/gap-marks", body);
            Assert.Equal(400, (int)response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return (await Json.ReadAsync(response))["errors"]!.AsObject().Select(e => e.Key).Order().ToArray();
        }

        Assert.Equal(["pcode"], await ErrorsAsync(new { pcode = "MMR999999", sector = "wash", reason = "inaccessible", comment = "x" }));
        Assert.Equal(["pcode"], await ErrorsAsync(new { sector = "wash", reason = "inaccessible", comment = "x" }));
        Assert.Equal(["sector"], await ErrorsAsync(new { pcode = Township, sector = "fisheries", reason = "inaccessible", comment = "x" }));
        Assert.Equal(["reason"], await ErrorsAsync(new { pcode = Township, sector = "wash", reason = "needed", comment = "x" }));
        Assert.Equal(["comment"], await ErrorsAsync(new { pcode = Township, sector = "wash", reason = "inaccessible", comment = "  " }));
        Assert.Equal(["comment"], await ErrorsAsync(new { pcode = Township, sector = "wash", reason = "inaccessible", comment = new string('x', 1001) }));
        Assert.Equal(["observed_on"], await ErrorsAsync(new { pcode = Township, sector = "wash", reason = "inaccessible", comment = "x", observed_on = "2999-01-01" }));
        Assert.Equal(["observed_on"], await ErrorsAsync(new { pcode = Township, sector = "wash", reason = "inaccessible", comment = "x", observed_on = "yesterday" }));
        Assert.Equal(["comment", "reason", "sector"], await ErrorsAsync(new { pcode = Township }));
        Assert.Equal(0L, await fixture.App.ScalarAsync<long>("SELECT count(*) FROM gap_marks WHERE created_by_id = @id", ("id", curator.UserId)));
    }
}
