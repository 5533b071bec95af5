using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Coverage;
using SeGeoCatalogue.Coverage.Counting;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Shared;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Coverage.Counting;

/// <summary>
/// The counting structure against its oracle, the SQL statements (UnitCoverage.ReadAsync, CoverageGridApi.ReadAsync):
/// random records (sectors, levels, methods, completeness, curation state, visibility, deletion, sensitive footprints,
/// availability, status, update frequency, periods, links at every level of Kayah and Mon, picked or drawn) under two
/// holders, asked with random combinations of the filters counting covers, at every coverage level, for every kind of
/// viewer: every unit's every field (count, class, finest level, share, collected count, freshness, the five datasets
/// listed) and every grid cell must be equal. The catalogue grows sample by sample, so catch-up is exercised as well.
/// </summary>
public sealed class CoverageCountingPropertyTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    sealed record Ask(string Query, int ViewerKind)
    {
        public override string ToString() => $"{Query} as viewer {ViewerKind}";
    }

    sealed record Sample(List<CountingRecord> A, List<CountingRecord> B, Ask[] Asks)
    {
        public override string ToString() => $"holder A: {string.Join("; ", A)}\nholder B: {string.Join("; ", B)}\nasks: {string.Join(" | ", Asks.Select(a => a.ToString()))}";
    }

    [Fact]
    public async Task Counting_equals_the_sql_path_for_random_catalogues_filters_and_viewers()
    {
        var db = fixture.App.DataSource;
        var counts = fixture.App.Services.GetRequiredService<CoverageCounts>();
        var units = await CoverageScenario.UnitsAsync(db);
        var pool = units.Values.Where(u => u.Pcode.StartsWith("MMR002", StringComparison.Ordinal)
                                        || (u.Pcode.StartsWith("MMR011", StringComparison.Ordinal) && (u.Level <= 3 || u.Pcode.StartsWith("MMR011001", StringComparison.Ordinal))))
            .Select(u => u.Pcode).Order(StringComparer.Ordinal).ToArray();
        var holderA = await CountingCatalogue.OrganisationAsync(db, "Counting holder A");
        var holderB = await CountingCatalogue.OrganisationAsync(db, "Counting holder B");
        var other = await CountingCatalogue.OrganisationAsync(db, "Counting bystander");
        var today = MyanmarTime.Today(TimeProvider.System);
        Viewer[] viewers =
        [
            Viewer.Public,
            new("member-a", true, false, holderA),
            new("member-other", true, false, other),
            new("curator", true, true, null),
            new("curator-b", true, true, holderB),
        ];

        var links = Gen.Int[0, pool.Length - 1].Select(Gen.Bool, (i, drawn) =>
            (pool[i], drawn && units[pool[i]].Level >= 4 ? "footprint" : "picked")).Array[1, 5];
        var dates = Gen.OneOf<(DateOnly?, DateOnly?)>((null, null), (new(2014, 1, 1), new(2014, 12, 31)), (new(2015, 6, 1), null),
            (null, new(2016, 1, 1)), (today.AddDays(-200), today.AddDays(-20)), (today.AddDays(-800), today.AddDays(-700)));
        var record = Gen.Select(
            Gen.Select(Gen.OneOf<string[]>(["wash"], ["demographics"], ["wash", "demographics"], ["services"]),
                Gen.OneOf<string?>(null, "state", "district", "township", "village-tract", "household"),
                Gen.OneOf<string[]>(["census"], ["household-survey"], ["administrative-records", "key-informant-interviews"], []),
                Gen.Bool),
            Gen.OneOf(("published", "public"), ("published", "network"), ("draft", "public"), ("published", "private"), ("submitted", "network")),
            Gen.Select(Gen.Int[0, 9], Gen.Int[0, 3], Gen.OneOf<string?>(null, "planned", "completed"), Gen.OneOf<string?>(null, "monthly", "annual")),
            dates, links,
            (what, curation, flags, period, picked) => new CountingRecord(
                "Rec " + Guid.NewGuid().ToString()[..6], what.Item1, what.Item2, what.Item3, curation.Item1, curation.Item2, flags.Item1 == 0,
                flags.Item1 >= 6, what.Item4, Vocabularies.Availability[flags.Item2].Code, flags.Item3, flags.Item4, period.Item1, period.Item2,
                [.. picked.DistinctBy(l => l.Item1)]));
        var ask = Gen.Select(
            Gen.Select(Gen.OneOf("state", "district", "township", "village-tract", "grid"), Gen.OneOf("", "&state=MMR002")),
            Gen.OneOf("", "&sector=wash", "&sector=wash&sector=demographics", "&sector=services"),
            Gen.Select(Gen.OneOf("", "&level_min=township", "&level_min=village-tract"), Gen.OneOf("", "&fresh=only")),
            Gen.Select(Gen.OneOf("", $"&holder={holderA}", $"&holder={holderA},{holderB}"), Gen.OneOf("", "&method=census", "&method=household-survey,census")),
            Gen.Select(Gen.OneOf("", "&availability=public", "&availability=members,on-request"), Gen.OneOf("", "&status=completed", "&status=planned,completed"),
                Gen.OneOf("", "&from=2015-01-01&to=2015-12-31", $"&from={today.AddDays(-100):yyyy-MM-dd}")),
            Gen.Int[0, viewers.Length - 1],
            (level, sector, depth, who, what, viewer) => new Ask($"level={level.Item1}{level.Item2}{sector}{depth.Item1}{depth.Item2}{who.Item1}{who.Item2}{what.Item1}{what.Item2}{what.Item3}", viewer));
        var sample = Gen.Select(record.List[0, 4], record.List[0, 3], ask.Array[6], (a, b, asks) => new Sample(a, b, asks));

        await sample.SampleAsync(async s =>
        {
            await CountingCatalogue.InsertAsync(db, holderA, s.A);
            await CountingCatalogue.InsertAsync(db, holderB, s.B);
            // Caught up before asking (a request finding a catch-up under way for long would go to SQL).
            await counts.CurrentAsync(today, CancellationToken.None);
            foreach (var a in s.Asks)
            {
                var viewer = viewers[a.ViewerKind];
                var grid = a.Query.StartsWith("level=grid", StringComparison.Ordinal);
                var query = grid ? a.Query.Replace("level=grid", "level=township", StringComparison.Ordinal) + "&geometry=none" : a.Query + "&geometry=none";
                var errors = new FieldErrors();
                var request = CoverageRequest.FromQuery(Query(query), errors, TimeProvider.System);
                Assert.False(errors.Any, query);
                var http = new DefaultHttpContext();
                string expected, actual;
                if (grid)
                {
                    var sectors = request.Filter.Sectors.Count > 0 ? [.. request.Filter.Sectors.Order()] : Vocabularies.Sectors.Select(x => x.Code).ToList();
                    sectors = [.. Vocabularies.Sectors.Select(x => x.Code).Where(sectors.Contains)];
                    expected = Describe(await CoverageGridApi.ReadAsync(db, request, viewer, sectors, CancellationToken.None));
                    actual = Describe((await counts.TryGridAsync(http, request, viewer, sectors, CancellationToken.None))!);
                }
                else
                {
                    expected = Describe(await UnitCoverage.ReadAsync(db, request, viewer, CancellationToken.None));
                    actual = Describe((await counts.TryUnitsAsync(http, request, viewer, CancellationToken.None))!);
                }
                Assert.Equal("memory", http.Response.Headers[CoverageCounts.PathHeader].ToString());
                if (expected != actual) Assert.Fail($"{a}\n{FirstDifference(expected, actual)}");
            }
        }, iter: 30, threads: 1);
    }

    static QueryCollection Query(string query) => new(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)
        .ToDictionary(p => p.Key, p => new StringValues([.. p.Value.SelectMany(v => v!.Split(','))])));

    /// <summary>One line per unit with every field; the datasets list as parsed JSON (SQL writes it with other spacing).</summary>
    static string Describe(List<UnitCoverage> units) => string.Join("\n", units.Select(u =>
        $"{u.Pcode} {u.NameEn} {u.StatePcode} {u.TownshipPcode} n={u.DatasetCount} finest={u.FinestLevel} share={u.ShareCovered} " +
        $"class={u.Class} collected={u.CollectedCount} fresh={u.Freshness} geometry={u.Geometry} datasets={JsonNode.Parse(u.DatasetsJson)!.ToJsonString()}"));

    /// <summary>One line per township row and per state subtotal, with every cell.</summary>
    static string Describe(CoverageGridApi.GridTable grid) => string.Join("\n",
        new[] { $"{grid.Level} {string.Join(",", grid.Sectors)}" }
            .Concat(grid.Rows.Select(r => $"{r.Pcode} {r.NameEn} {r.StatePcode} {JsonSerializer.Serialize(r.Cells)}"))
            .Concat(grid.StateSubtotals.Select(r => $"state {r.StatePcode} {r.NameEn} {JsonSerializer.Serialize(r.Cells)}")));

    static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var diffs = Enumerable.Range(0, Math.Max(e.Length, a.Length))
            .Where(i => i >= e.Length || i >= a.Length || e[i] != a[i]).Take(4)
            .Select(i => $"sql:    {(i < e.Length ? e[i] : "(none)")}\nmemory: {(i < a.Length ? a[i] : "(none)")}");
        return string.Join("\n", diffs);
    }
}
