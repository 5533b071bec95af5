using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CsCheck;
using NetTopologySuite.Geometries;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Datasets;

/// <summary>
/// The footprint → links rule on random drawn shapes (rectangles and triangles of many sizes around Mawlamyine) and
/// random thresholds: the preview links exactly the townships, village tracts and wards whose share the test computes
/// from the boundary files (NTS in UTM 47N) is at or above the threshold. Units within half a percentage point of the
/// threshold are left out of the comparison: two honest area methods may round them either way. A shape wholly at sea
/// must be refused with a 400 naming the footprint.
/// </summary>
public sealed class FootprintPropertyTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    readonly DatasetTestApp _app = new(fixture);

    sealed record Drawn(Polygon Shape, double Threshold)
    {
        public override string ToString() => $"{Shape.AsText()} threshold {Threshold}";
    }

    [Fact]
    public async Task A_random_footprint_links_the_units_it_covers_by_at_least_the_threshold()
    {
        var corner = Gen.Double[97.45, 97.85].Select(Gen.Double[16.2, 16.75], (x, y) => new Coordinate(Math.Round(x, 4), Math.Round(y, 4)));
        var size = Gen.Double[0.004, 0.12].Select(Gen.Double[0.004, 0.12], (w, h) => (W: Math.Round(w, 4), H: Math.Round(h, 4)));
        var shape = Gen.Select(corner, size, Gen.Bool, (c, s, triangle) => FootprintLinkTests.Factory.CreatePolygon(triangle
            ? [c, new(c.X + s.W, c.Y), new(c.X, c.Y + s.H), c]
            : [c, new(c.X + s.W, c.Y), new(c.X + s.W, c.Y + s.H), new(c.X, c.Y + s.H), c]));
        var drawn = Gen.Select(shape, Gen.OneOf(0.01, 0.05, 0.25), (p, t) => new Drawn(p, t));

        await drawn.SampleAsync(async d =>
        {
            var shares = FootprintLinkTests.Shares(d.Shape);
            var clear = shares.Where(s => Math.Abs(s.Share - d.Threshold) >= 0.005).ToList();

            var response = await _app.Client().PostAsJsonAsync("/api/footprints/preview",
                new JsonObject { ["footprint"] = FootprintLinkTests.GeoJson(d.Shape), ["threshold"] = d.Threshold });
            var text = await response.Content.ReadAsStringAsync();
            if (shares.Count == 0)
            {
                // All at sea: the service says so, naming the field, instead of linking nothing.
                Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
                Assert.NotNull(JsonNode.Parse(text)!["errors"]!["footprint"]);
                return;
            }
            Assert.True(response.IsSuccessStatusCode, text);
            var linked = JsonNode.Parse(text)!["units"]!.AsArray().Select(u => (string)u!["pcode"]!).ToHashSet();

            var expected = clear.Where(s => s.Share >= d.Threshold).Select(s => s.Pcode).Order().ToList();
            var judged = clear.Select(s => s.Pcode).ToHashSet();
            Assert.Equal(expected, linked.Where(judged.Contains).Order().ToList());
            var unexplained = linked.Where(p => !shares.Any(s => s.Pcode == p)).ToList();
            Assert.True(unexplained.Count == 0, $"linked without any overlap: {string.Join(", ", unexplained)}");
        }, iter: 30, threads: 1);
    }
}
