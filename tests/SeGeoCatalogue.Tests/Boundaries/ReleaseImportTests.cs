using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Geometries;
using SeGeoCatalogue.Boundaries.Releases;
using SeGeoCatalogue.Tests.Infrastructure;
using SeGeoCatalogue.Tests.Ogc;

namespace SeGeoCatalogue.Tests.Boundaries;

/// <summary>MIMU's own release files, imported as a boundary edition that datasets follow.</summary>
public sealed class ReleaseImportTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    const string Mon = "MMR011";

    [Fact]
    public async Task A_zipped_Shapefile_in_UTM_47N_with_MIMU_field_names_yields_the_shipped_units_and_a_dry_run_stores_nothing()
    {
        var release = MimuReleaseFile.FromShippedState(Mon);
        var editions = await fixture.App.ScalarAsync<long>("SELECT count(*) FROM boundary_editions");
        var hashes = await fixture.App.ScalarAsync<string>("SELECT md5(string_agg(pcode || source_hash || coalesce(retired_at::text, ''), ',' ORDER BY pcode)) FROM admin_units");

        var dry = await ImportAsync(release, commit: false);
        Assert.True(dry.Succeeded, string.Join("; ", dry.Problems));
        Assert.False(dry.Committed);
        Assert.Contains(dry.Layers, l => l.Level == "township" && l.Kept == release.Townships.Count && l.Mapping["ts_name_my"] == "TS_NAME_M");
        Assert.Contains(dry.Layers, l => l.Level == "village-tract" && l.Kept == release.Tracts.Count && l.Mapping["vt_pcode"] == "VT_PCODE");
        Assert.Equal(editions, await fixture.App.ScalarAsync<long>("SELECT count(*) FROM boundary_editions"));
        Assert.Equal(hashes, await fixture.App.ScalarAsync<string>("SELECT md5(string_agg(pcode || source_hash || coalesce(retired_at::text, ''), ',' ORDER BY pcode)) FROM admin_units"));

        var done = await ImportAsync(release, commit: true);
        Assert.True(done.Committed);
        var utm = new UtmArea();
        foreach (var unit in release.Townships.Concat(release.Tracts))
        {
            await using var cmd = fixture.App.DataSource.CreateCommand("SELECT name_en, name_my, area_km2 FROM admin_units WHERE pcode = @p AND retired_at IS NULL");
            cmd.Parameters.AddWithValue("p", unit.Pcode);
            await using var row = await cmd.ExecuteReaderAsync();
            Assert.True(await row.ReadAsync(), $"{unit.Pcode} is missing after the import");
            Assert.Equal(unit.NameEn, row.IsDBNull(0) ? null : row.GetString(0));
            Assert.Equal(unit.NameMy, row.IsDBNull(1) ? null : row.GetString(1));
            var expected = utm.SquareKilometres(unit.Geometry);
            Assert.True(Math.Abs(row.GetDouble(2) - expected) <= expected * 0.005, $"{unit.Pcode}: {row.GetDouble(2)} km² against {expected} km²");
        }
        // Other states are not part of the release and keep every unit.
        Assert.Equal(BoundaryData.Read("village_tracts.geojson").Count(f => f.Property("st_pcode") == "MMR003"),
            await fixture.App.ScalarAsync<long>("SELECT count(*) FROM admin_units WHERE level = 4 AND state_pcode = 'MMR003' AND retired_at IS NULL"));
    }

    [Fact]
    public async Task Names_in_a_legacy_font_are_reported_by_feature_and_field_and_never_stored()
    {
        var release = MimuReleaseFile.FromShippedState(Mon);
        var first = release.Townships[0];
        // Mawlamyine in Zawgyi: the vowel sign E typed first, and a Zawgyi stacked letter.
        release.Townships[0] = first with { NameMy = "\u1031\u1019\u102C\u1039\u101C\u107F\u1019\u102D\u1033\u1004\u1039" };

        var report = await ImportAsync(release, commit: true);

        var finding = Assert.Single(report.LegacyNames);
        Assert.Contains(first.Pcode, finding);
        Assert.Contains("TS_NAME_M", finding);
        Assert.Contains("Zawgyi", finding);
        Assert.Null(await fixture.App.ScalarAsync<object>("SELECT name_my FROM admin_units WHERE pcode = @p", ("p", first.Pcode)) as string);
    }

    [Fact]
    public async Task Only_curators_may_import_and_the_API_answers_a_dry_run_by_default()
    {
        using var content = Form(MimuReleaseFile.FromShippedState(Mon).Zip());
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.App.CreateClient().PostAsync("/api/boundaries/releases", content)).StatusCode);

        var curator = fixture.App.CreateClient();
        curator.Authorize(await TestAccounts.TokenAsync(fixture.App.Services, "curator", null));
        using var again = Form(MimuReleaseFile.FromShippedState(Mon).Zip());
        var response = await curator.PostAsync("/api/boundaries/releases", again);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.False((bool)body["committed"]!);
        Assert.Equal([Mon], body["states"]!.AsArray().Select(s => (string)s!));

        using var bad = new MultipartFormDataContent { { new StringContent("x"), "name" } };
        var problem = JsonNode.Parse(await (await curator.PostAsync("/api/boundaries/releases", bad)).Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]!["file"]);
    }

    static MultipartFormDataContent Form(byte[] zip) => new()
    {
        { new ByteArrayContent(zip), "file", "mmr_mimu_release.zip" },
        { new StringContent("MIMU Pcodes 9.6 (test)"), "name" },
        { new StringContent(Mon), "states" },
    };

    Task<ReleaseImportReport> ImportAsync(MimuReleaseFile release, bool commit) =>
        release.ImportAsync(fixture.App.Services, [Mon], commit, "MIMU Pcodes 9.6 (test)", new DateOnly(2025, 2, 1));
}

/// <summary>The whole of Myanmar at MIMU's size imports and serves without changes (timings: the benchmark's "national").</summary>
public sealed class NationalReleaseTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    [Fact]
    public async Task A_national_size_release_of_every_state_imports_and_its_coverage_has_every_unit()
    {
        var release = MimuReleaseFile.National();
        var report = await release.ImportAsync(fixture.App.Services, states: null, commit: true, "National synthetic");

        Assert.True(report.Committed, string.Join("; ", report.Problems));
        Assert.Equal(18, report.States.Count);
        Assert.Equal(release.Tracts.Count, report.ByState.Sum(s => s.Added.Count(p => p.Length == 12)));
        var coverage = JsonNode.Parse(await fixture.Client.GetStringAsync("/api/coverage?level=village-tract&state=MMR905&geometry=none"))!;
        Assert.Equal(release.Tracts.Count(t => t.Pcode.StartsWith("MMR905", StringComparison.Ordinal)), coverage["features"]!.AsArray().Count);
        // Its tract layer names no district: every tract takes its township's (from the township layer), so district
        // roll-ups count it.
        Assert.Equal(0L, await fixture.App.ScalarAsync<long>("""
            SELECT count(*) FROM admin_units v LEFT JOIN admin_units t ON t.pcode = v.township_pcode
            WHERE v.level = 4 AND v.state_pcode LIKE 'MMR9%' AND (v.district_pcode IS NULL OR v.district_pcode IS DISTINCT FROM t.district_pcode)
            """));
        // The wider SE of the shipped files is untouched.
        Assert.Equal(BoundaryData.Read("townships.geojson").Count,
            await fixture.App.ScalarAsync<long>("SELECT count(*) FROM admin_units WHERE level = 3 AND retired_at IS NULL AND state_pcode NOT LIKE 'MMR9%'"));
    }
}
