using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SeGeoCatalogue.Boundaries;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Boundaries;

public sealed class BoundaryImportTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    static readonly (string File, AdminLevel Level)[] Layers =
        [("townships.geojson", AdminLevel.Township), ("village_tracts.geojson", AdminLevel.VillageTract), ("wards.geojson", AdminLevel.Ward)];

    [Fact]
    public async Task Import_counts_per_state_equal_the_manifest()
    {
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(BoundaryData.RepoRoot, "boundaries", "manifest.json")))!;
        foreach (var (file, level) in Layers)
        {
            var expected = manifest["files"]!.AsArray().Single(f => (string)f!["name"]! == file)!["featuresByState"]!.AsObject();
            foreach (var (state, count) in expected)
            {
                var actual = await fixture.App.ScalarAsync<long>(
                    "SELECT count(*) FROM admin_units WHERE level = @l AND state_pcode = @s AND retired_at IS NULL",
                    ("l", (short)level), ("s", state));
                Assert.True((int)count! == actual, $"{file} {state}: manifest {count}, imported {actual}");
            }
        }
    }

    [Fact]
    public async Task States_and_districts_are_dissolved_from_the_townships()
    {
        var townships = BoundaryData.Read("townships.geojson");
        var states = townships.Select(f => f.Property("st_pcode")).Distinct().Order().ToList();
        var districts = townships.Select(f => f.Property("dt_pcode")).Distinct().Order().ToList();
        Assert.Equal(7, states.Count);

        Assert.Equal(states, await Pcodes("SELECT pcode FROM admin_units WHERE level = 1 ORDER BY pcode"));
        Assert.Equal(districts, await Pcodes("SELECT pcode FROM admin_units WHERE level = 2 ORDER BY pcode"));
        // Each state's area equals the sum of its townships' (the dissolve neither drops nor doubles land).
        var gap = await fixture.App.ScalarAsync<double>("""
            SELECT max(abs(s.area_km2 - t.sum) / t.sum) FROM admin_units s
            JOIN (SELECT state_pcode, sum(area_km2) AS sum FROM admin_units WHERE level = 3 GROUP BY 1) t ON t.state_pcode = s.pcode
            WHERE s.level = 1
            """);
        Assert.True(gap < 0.001, $"state area differs from its townships' sum by {gap:P3}");
    }

    [Fact]
    public async Task A_second_import_of_the_same_files_changes_nothing()
    {
        var before = await fixture.App.ScalarAsync<string>("SELECT md5(string_agg(pcode || source_hash || edition_id || coalesce(retired_at::text, ''), ',' ORDER BY pcode)) FROM admin_units");
        var editions = await fixture.App.ScalarAsync<long>("SELECT count(*) FROM boundary_editions");

        var report = await Import(BoundaryData.Directory);

        Assert.True(report.Succeeded, report.ToString());
        Assert.All(report.Files, f => Assert.False(f.ChangedAnything, f.ToString()));
        Assert.Equal(before, await fixture.App.ScalarAsync<string>("SELECT md5(string_agg(pcode || source_hash || edition_id || coalesce(retired_at::text, ''), ',' ORDER BY pcode)) FROM admin_units"));
        Assert.Equal(editions, await fixture.App.ScalarAsync<long>("SELECT count(*) FROM boundary_editions"));
    }

    [Fact]
    public async Task Unit_areas_on_the_ellipsoid_agree_with_UTM_47N_within_half_a_percent()
    {
        var utm = new UtmArea();
        foreach (var township in BoundaryData.Read("townships.geojson"))
        {
            var pcode = township.Property("ts_pcode");
            var expected = utm.SquareKilometres(township.Geometry);
            var stored = await fixture.App.ScalarAsync<double>("SELECT area_km2 FROM admin_units WHERE pcode = @p", ("p", pcode));
            Assert.True(Math.Abs(stored - expected) / expected < 0.005, $"{pcode}: stored {stored:F2} km², UTM 47N {expected:F2} km²");
        }
    }

    [Fact]
    public async Task Display_geometries_are_lighter_and_neighbours_still_meet()
    {
        Assert.True(await fixture.App.ScalarAsync<bool>(
            "SELECT sum(ST_NPoints(display_geom)) < 0.7 * sum(ST_NPoints(geom)) FROM admin_units WHERE level = 3"));
        // Township pairs sharing a border in the full geometry must still share one in the display geometry.
        var separated = await fixture.App.ScalarAsync<long>("""
            SELECT count(*) FROM admin_units a JOIN admin_units b ON a.pcode < b.pcode AND a.geom && b.geom
            WHERE a.level = 3 AND b.level = 3
              AND ST_Length(ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom))::geography) > 1000
              AND NOT ST_Intersects(a.display_geom, b.display_geom)
            """);
        Assert.Equal(0, separated);
        // No slivers open between neighbours: the union of display geometries has no more holes than the full one.
        var holes = await fixture.App.ScalarAsync<bool>("""
            WITH u AS (SELECT ST_Union(geom) AS g, ST_Union(display_geom) AS d FROM admin_units WHERE level = 3)
            SELECT (SELECT count(*) FROM u, ST_Dump(u.d) p, ST_DumpRings(p.geom) r WHERE r.path[1] > 0)
                <= (SELECT count(*) FROM u, ST_Dump(u.g) p, ST_DumpRings(p.geom) r WHERE r.path[1] > 0)
            """);
        Assert.True(holes);
    }

    internal Task<BoundaryImportReport> Import(string dir)
    {
        using var scope = fixture.App.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<BoundaryImporter>().ImportAsync(dir);
    }

    async Task<List<string>> Pcodes(string sql)
    {
        await using var cmd = fixture.App.DataSource.CreateCommand(sql);
        await using var rows = await cmd.ExecuteReaderAsync();
        var list = new List<string>();
        while (await rows.ReadAsync()) list.Add(rows.GetString(0));
        return list;
    }

    internal static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "segeo-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
