using System.Text.Json.Nodes;
using CsCheck;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Coverage;

/// <summary>
/// Random catalogues against the plain walk of <see cref="CoverageScenario.Expected"/>: records with random sectors,
/// disaggregation, methods (complete or sample), visibility and links anywhere in Kayah and Mon (states, districts,
/// townships, village tracts, drawn footprints), asked for with random filters. Every unit's count, finest level and
/// class must equal the walk. Each sample is a new holder organisation, and the map is asked for that holder only.
/// </summary>
public sealed class CoveragePropertyTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    sealed record Catalogue(List<SeededDataset> Records, string Level, string? Sector, string? LevelMin, bool Period)
    {
        public override string ToString() =>
            $"level={Level} sector={Sector} level_min={LevelMin} period={Period}; " + string.Join("; ", Records.Select(r =>
                $"[{string.Join(",", r.Sectors)}] {r.Disaggregation ?? "-"} {string.Join(",", r.Methods ?? [])} {r.State}/{r.Visibility} " +
                $"{r.Start}..{r.End} {string.Join(",", r.Links.Select(l => $"{l.Pcode}:{l.Origin}"))}"));
    }

    [Fact]
    public async Task Coverage_of_random_catalogues_equals_the_plain_walk_for_every_unit()
    {
        var units = await CoverageScenario.UnitsAsync(fixture.App.DataSource);
        var pool = units.Values.Where(u => u.Pcode.StartsWith("MMR002", StringComparison.Ordinal)
                                        || (u.Pcode.StartsWith("MMR011", StringComparison.Ordinal) && u.Level <= 3))
            .Select(u => u.Pcode).Order(StringComparer.Ordinal).ToArray();
        var sample = 0;

        var links = Gen.Int[0, pool.Length - 1].Select(Gen.Bool, (i, drawn) =>
            (pool[i], drawn && units[pool[i]].Level >= 4 ? "footprint" : "picked")).Array[1, 4];
        var record = Gen.Select(
            Gen.OneOf<string[]>(["wash"], ["demographics"], ["wash", "demographics"]),
            Gen.OneOf<string?>(null, "state", "district", "township", "village-tract", "household"),
            Gen.OneOf<string[]>(["census"], ["household-survey"], ["administrative-records", "key-informant-interviews"], []),
            Gen.OneOf(("published", "public"), ("published", "network"), ("draft", "public"), ("published", "private")),
            Gen.OneOf<(DateOnly?, DateOnly?)>((null, null), (new(2014, 1, 1), new(2014, 12, 31)), (new(2015, 6, 1), null), (null, new(2016, 1, 1))),
            links,
            (sectors, level, methods, visibility, period, picked) => new SeededDataset(
                "Random", sectors, level, period.Item1, period.Item2, visibility.Item1, visibility.Item2, false,
                [.. picked.DistinctBy(l => l.Item1)], methods));
        var catalogue = Gen.Select(record.List[1, 6], Gen.OneOf("township", "village-tract"),
            Gen.OneOf<string?>(null, "wash", "demographics"), Gen.OneOf<string?>(null, "township", "village-tract"), Gen.Bool,
            (records, level, sector, levelMin, period) => new Catalogue(records, level, sector, levelMin, period));

        await catalogue.SampleAsync(async c =>
        {
            var holder = await CoverageScenario.InsertAsync(fixture.App.DataSource, $"Random catalogue {Interlocked.Increment(ref sample)}", c.Records);
            var walk = new CoverageScenario { Units = units, Datasets = c.Records };
            var query = $"/api/coverage?level={c.Level}&holder={holder}&geometry=none" + (c.Sector is null ? "" : $"&sector={c.Sector}")
                + (c.LevelMin is null ? "" : $"&level_min={c.LevelMin}") + (c.Period ? "&from=2015-01-01&to=2015-12-31" : "");
            var body = JsonNode.Parse(await fixture.Client.GetStringAsync(query))!;

            DateOnly? from = c.Period ? new(2015, 1, 1) : null, to = c.Period ? new(2015, 12, 31) : null;
            var wrong = body["features"]!.AsArray().Select(f => f!["properties"]!)
                .Select(p => (Pcode: (string)p["pcode"]!, Actual: ((int)p["dataset_count"]!, (string?)p["finest_level"], (string)p["class"]!),
                              Expected: walk.Expected((string)p["pcode"]!, c.Sector, c.LevelMin, from, to)))
                .Where(x => x.Actual != (x.Expected.Count, CoverageScenario.LevelName(x.Expected.Finest), x.Expected.Class))
                .Select(x => $"{x.Pcode}: got {x.Actual}, expected ({x.Expected.Count}, {CoverageScenario.LevelName(x.Expected.Finest)}, {x.Expected.Class})")
                .Take(5).ToList();
            Assert.True(wrong.Count == 0, $"{query}\n{string.Join("\n", wrong)}");
        }, iter: 40, threads: 1);
    }
}
