using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Access;
using SeGeoCatalogue.Tests.Requests;

namespace SeGeoCatalogue.Tests.Demand;

/// <summary>
/// "We need this data here" marks and the demand the coverage map reports per unit. Hpa-An township (MMR003001)
/// holds the village tracts MMR003001001 and MMR003001002; MMR003002 is another township of Kayin (MMR003).
/// The tests share a database, so each keeps to its own sectors.
/// </summary>
public sealed class DemandTests(RequestsFixture fixture) : IClassFixture<RequestsFixture>
{
    const string Township = "MMR003001", TractOne = "MMR003001001", TractTwo = "MMR003001002", OtherTownship = "MMR003002";

    static async Task<int> NeedAsync(Person who, string sector, string note, params string[] pcodes)
    {
        var response = await who.Client.PostAsJsonAsync("/api/needs", new { pcodes, sector, note });
        Assert.True((int)response.StatusCode == 201, $"need by {who.Email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (int)(await Json.ReadAsync(response))["id"]!;
    }

    /// <summary>pcode → (organisations, needs, newest note), for the units of the answer that have demand.</summary>
    static async Task<Dictionary<string, (int, int, string)>> DemandAsync(HttpClient client, string query, params string[] pcodes)
    {
        var body = await Json.ReadAsync(await client.GetAsync($"/api/coverage?geometry=none&{query}"));
        var result = new Dictionary<string, (int, int, string)>();
        foreach (var f in body["features"]!.AsArray())
        {
            var p = f!["properties"]!;
            if (!pcodes.Contains((string)p["pcode"]!) || p["demand"] is not JsonObject d) continue;
            result[(string)p["pcode"]!] = ((int)d["organisations"]!, (int)d["needs"]!, (string)d["newest_note"]!);
        }
        return result;
    }

    [Fact]
    public async Task Coverage_reports_per_unit_how_many_organisations_asked_and_the_newest_note_counting_needs_inside_and_around_the_unit()
    {
        var x = await fixture.MemberAsync(await fixture.CreateOrganisationAsync("X"), "x");
        var y = await fixture.MemberAsync(await fixture.CreateOrganisationAsync("Y"), "y");
        await NeedAsync(x, "wash", "n1: water points in tract one", TractOne);
        await NeedAsync(y, "wash", "n2: WASH for all of Hpa-An", Township);
        await NeedAsync(x, "food-security", "n3: harvest data", OtherTownship);
        var n4 = await NeedAsync(x, "wash", "n4: latrines in Hpa-An", Township);

        Assert.Equal(new Dictionary<string, (int, int, string)>
        {
            [Township] = (2, 3, "n4: latrines in Hpa-An"),
        }, await DemandAsync(x.Client, "level=township&sector=wash", Township, OtherTownship));
        Assert.Equal(new Dictionary<string, (int, int, string)>
        {
            [Township] = (2, 3, "n4: latrines in Hpa-An"), [OtherTownship] = (1, 1, "n3: harvest data"),
        }, await DemandAsync(y.Client, "level=township&sector=wash&sector=food-security", Township, OtherTownship));
        Assert.Equal(new Dictionary<string, (int, int, string)>
        {
            [TractOne] = (2, 3, "n4: latrines in Hpa-An"), [TractTwo] = (2, 2, "n4: latrines in Hpa-An"),
        }, await DemandAsync(x.Client, "level=village-tract&sector=wash", TractOne, TractTwo, "MMR003002001"));
        Assert.Equal(new Dictionary<string, (int, int, string)> { ["MMR003"] = (2, 3, "n4: latrines in Hpa-An") },
            await DemandAsync(x.Client, "level=state&sector=wash", "MMR003"));
        var gaps = await Json.ReadAsync(await x.Client.GetAsync("/api/gaps?level=township&sector=wash&geometry=none"));
        var gap = gaps["features"]!.AsArray().Single(f => (string)f!["properties"]!["pcode"]! == Township)!;
        Assert.Equal(2, (int)gap["properties"]!["demand"]!["organisations"]!);

        // The public's map carries no demand at all.
        var anonymous = await Json.ReadAsync(await fixture.NewClient().GetAsync("/api/coverage?geometry=none&level=township"));
        Assert.All(anonymous["features"]!.AsArray(), f => Assert.False(f!["properties"]!.AsObject().ContainsKey("demand")));

        // Only its organisation (or a curator) withdraws a need; withdrawn, it no longer counts.
        Assert.Equal(403, (int)(await y.Client.DeleteAsync($"/api/needs/{n4}")).StatusCode);
        Assert.Equal(204, (int)(await x.Client.DeleteAsync($"/api/needs/{n4}")).StatusCode);
        Assert.Equal(new Dictionary<string, (int, int, string)> { [Township] = (2, 2, "n2: WASH for all of Hpa-An") },
            await DemandAsync(x.Client, "level=township&sector=wash", Township));
    }

    [Fact]
    public async Task A_record_shows_its_holder_the_needs_it_answers_its_sector_in_or_around_its_units()
    {
        var x = await fixture.MemberAsync(await fixture.CreateOrganisationAsync("X"), "x");
        var zOrg = await fixture.CreateOrganisationAsync("Z");
        var z = await fixture.MemberAsync(zOrg, "z");
        var onTractOne = await NeedAsync(x, "services", "tract one only", TractOne);
        var onTownship = await NeedAsync(x, "services", "all of Hpa-An", Township);
        var otherSector = await NeedAsync(x, "economic", "prices in Hpa-An", Township);
        var elsewhere = await NeedAsync(x, "services", "another township", OtherTownship);
        var created = await z.Client.PostAsJsonAsync("/api/datasets", new
        {
            title = "Water points of tract two", holder_id = zOrg, sectors = new[] { "services" }, availability = "on-request",
            disaggregation_level = "village-tract", area = new { pcodes = new[] { TractTwo } },
        });
        Assert.Equal(201, (int)created.StatusCode);
        var record = (int)(await Json.ReadAsync(created))["id"]!;

        var answered = (await z.GetAsync($"/api/needs?dataset_id={record}"))["items"]!.AsArray().Select(n => (int)n!["id"]!).Order().ToList();

        Assert.Equal(new[] { onTownship }, answered);
        Assert.DoesNotContain(onTractOne, answered);
        Assert.DoesNotContain(otherSector, answered);
        Assert.DoesNotContain(elsewhere, answered);
        // The record is a draft of Z: to X it does not exist.
        Assert.Equal(404, (int)(await x.Client.GetAsync($"/api/needs?dataset_id={record}")).StatusCode);
    }

    [Fact]
    public async Task A_drawn_area_marks_the_units_whose_interior_it_reaches()
    {
        var x = await fixture.MemberAsync(await fixture.CreateOrganisationAsync("X"), "x");
        var at = await x.GetAsync("/api/admin-units/at?lon=97.64&lat=16.90");
        var township = at["features"]!.AsArray().Select(f => f!["properties"]!).Single(u => (string)u["level"]! == "township");
        var area = new
        {
            type = "Polygon",
            coordinates = new[] { new[] { new[] { 97.635, 16.895 }, new[] { 97.645, 16.895 }, new[] { 97.645, 16.905 }, new[] { 97.635, 16.905 }, new[] { 97.635, 16.895 } } },
        };

        var response = await x.Client.PostAsJsonAsync("/api/needs", new { area, level = "township", sector = "hazards", note = "around the market" });

        Assert.Equal(201, (int)response.StatusCode);
        Assert.Equal([(string)township["pcode"]!], (await Json.ReadAsync(response))["pcodes"]!.AsArray().Select(p => (string)p!));
    }

    [Fact]
    public async Task Bad_marks_are_refused_naming_the_field_and_the_public_cannot_mark()
    {
        var x = await fixture.MemberAsync(await fixture.CreateOrganisationAsync("X"), "x");
        async Task<string[]> ErrorsAsync(object body)
        {
            var response = await x.Client.PostAsJsonAsync("/api/needs", body);
            Assert.Equal(400, (int)response.StatusCode);
            return (await Json.ReadAsync(response))["errors"]!.AsObject().Select(e => e.Key).Order().ToArray();
        }

        Assert.Equal(["note", "pcodes", "sector"], await ErrorsAsync(new { sector = "health", note = "" }));
        Assert.Equal(["pcodes"], await ErrorsAsync(new { pcodes = new[] { "MMR999" }, sector = "wash", note = "x" }));
        Assert.Equal(["area"], await ErrorsAsync(new { area = new { type = "LineString", coordinates = new[] { new[] { 97.6, 16.9 }, new[] { 97.7, 16.9 } } }, sector = "wash", note = "x" }));
        Assert.Equal(["level"], await ErrorsAsync(new { pcodes = new[] { Township }, level = "county", sector = "wash", note = "x" }));
        Assert.Equal(401, (int)(await fixture.NewClient().PostAsJsonAsync("/api/needs", new { pcodes = new[] { Township }, sector = "wash", note = "x" })).StatusCode);
        Assert.Equal(401, (int)(await fixture.NewClient().GetAsync("/api/needs")).StatusCode);
        Assert.Equal(0L, await fixture.App.ScalarAsync<long>("SELECT count(*) FROM data_needs WHERE created_by_id = @id", ("id", x.UserId)));
    }
}
