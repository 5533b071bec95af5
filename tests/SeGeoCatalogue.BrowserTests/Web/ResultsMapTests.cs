using System.Text.Json;
using Microsoft.Playwright;
using SeGeoCatalogue.BrowserTests.Infrastructure;
using SeGeoCatalogue.BrowserTests.Pages;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.BrowserTests.Web;

/// <summary>Two published records: a survey of two village tracts of Hpa-An, and a census of Kayin state.</summary>
public sealed class ResultsMapData : IAsyncLifetime
{
    public const string Tracts = "Hpa-An tract water survey", State = "Kayin household census";
    public WebAppFixture App { get; } = new();
    public int TractsId { get; private set; }
    public int StateId { get; private set; }

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        await using var seed = await Seed.AsCuratorAsync(App);
        var holder = await seed.OrganisationAsync("World Food Programme", "WFP");
        TractsId = await seed.PublishedDatasetAsync(Seed.Record(Tracts, holder, ["wash"], "village-tract", "MMR003001001", "MMR003001002"));
        StateId = await seed.PublishedDatasetAsync(Seed.Record(State, holder, ["demographics"], "state", "MMR003"));
    }

    public Task DisposeAsync() => App.DisposeAsync();
}

public sealed class ResultsMapTests(ResultsMapData data) : IClassFixture<ResultsMapData>
{
    readonly WebAppFixture _app = data.App;

    [Fact]
    public Task The_results_map_outlines_each_results_linked_units_from_simplified_boundaries_in_bounded_bytes() => _app.RunAsync(async page =>
    {
        var outlineRequests = new List<(string Url, int Bytes)>();
        page.Response += async (_, r) =>
        {
            if (r.Url.Contains("/area?") || r.Url.Contains("level=village-tract"))
                outlineRequests.Add((r.Url, (await r.BodyAsync()).Length));
        };
        var tracts = BoundaryData.Read("village_tracts.geojson").Where(f => f.Property("vt_pcode") is "MMR003001001" or "MMR003001002").ToList();
        var expected = tracts[0].Geometry.EnvelopeInternal;
        expected.ExpandToInclude(tracts[1].Geometry.EnvelopeInternal);

        var catalogue = new CataloguePage(page);
        await catalogue.OpenAsync();
        await Assertions.Expect(catalogue.Map.Root).ToHaveAttributeAsync("data-outlines", new System.Text.RegularExpressions.Regex("."));

        var drawn = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>((await catalogue.Map.Root.GetAttributeAsync("data-outlines"))!)!;
        Assert.Equal(["MMR003001001", "MMR003001002"], drawn[data.TractsId.ToString(System.Globalization.CultureInfo.InvariantCulture)].EnumerateArray().Select(e => e.GetString()!).Order());
        Assert.Equal(["MMR003"], drawn[data.StateId.ToString(System.Globalization.CultureInfo.InvariantCulture)].EnumerateArray().Select(e => e.GetString()!));

        // The outlines are the tracts' shapes (not one rectangle): their drawn bounds are the boundary file's, and each
        // is a polygon of more than four corners.
        var shapes = await catalogue.Map.Root.EvaluateAsync<JsonElement>("""
            el => {
              const found = [];
              el.leafletMap.eachLayer(l => {
                const p = l.feature?.properties;
                if (l.getLatLngs && (p?.pcode === 'MMR003001001' || p?.pcode === 'MMR003001002') && l.options.color === '#0b5c8e') {
                  const b = l.getBounds();
                  found.push({ w: b.getWest(), s: b.getSouth(), e: b.getEast(), n: b.getNorth(), corners: l.getLatLngs().flat(3).length });
                }
              });
              return found;
            }
            """);
        Assert.Equal(2, shapes.GetArrayLength());
        Assert.All(shapes.EnumerateArray(), s => Assert.True(s.GetProperty("corners").GetInt32() > 4));
        Assert.InRange(shapes.EnumerateArray().Min(s => s.GetProperty("w").GetDouble()), expected.MinX - 0.01, expected.MinX + 0.01);
        Assert.InRange(shapes.EnumerateArray().Max(s => s.GetProperty("n").GetDouble()), expected.MaxY - 0.01, expected.MaxY + 0.01);

        // Bounded: pcodes only for the records, village tracts only of the one township they lie in, simplified.
        Assert.DoesNotContain(outlineRequests, r => r.Url.Contains("geometry=full") || (r.Url.Contains("/area?") && !r.Url.Contains("geometry=none")));
        var tractRequests = outlineRequests.Where(r => r.Url.Contains("level=village-tract")).ToList();
        Assert.NotEmpty(tractRequests);
        Assert.All(tractRequests, r => Assert.Contains("parent=MMR003001", r.Url));
        Assert.True(outlineRequests.Sum(r => r.Bytes) < 200_000, string.Join("\n", outlineRequests));
    });
}
