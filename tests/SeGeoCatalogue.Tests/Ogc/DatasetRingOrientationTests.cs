using System.Text.Json.Nodes;

namespace SeGeoCatalogue.Tests.Ogc;

/// <summary>
/// RFC 7946 §3.1.6: exterior rings counterclockwise, holes clockwise, wherever the service writes a dataset's geometry
/// as GeoJSON. Each ring's orientation is its signed (shoelace) area, computed here from the raw coordinates.
/// </summary>
public sealed class DatasetRingOrientationTests(OpenFormatsFixture fixture) : IClassFixture<OpenFormatsFixture>, IAsyncLifetime
{
    /// <summary>A square drawn clockwise, as some tools store it.</summary>
    const string ClockwiseSquare = "MULTIPOLYGON(((97.60 16.46, 97.60 16.52, 97.66 16.52, 97.66 16.46, 97.60 16.46)))";
    int _drawn;

    public async Task InitializeAsync()
    {
        await using var conn = await fixture.App.DataSource.OpenConnectionAsync();
        var holder = await OpenFormatsFixture.InsertAsync<int>(conn,
            "INSERT INTO organisations (name, acronym, type, active, created_at) VALUES ('Ring holder', 'RH', 'un-agency', true, now()) RETURNING id");
        _drawn = await OpenFormatsFixture.DatasetAsync(conn, "Clockwise drawn square", null, holder, "{wash}", "public", "2017-01-01", "2017-12-31",
            footprint: ClockwiseSquare);
        await SeGeoCatalogue.Datasets.DatasetUnits.RefreshAsync(conn, _drawn);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task OGC_items_the_GeoJSON_export_and_a_records_coverage_write_exterior_rings_counterclockwise()
    {
        var sources = new Dictionary<string, JsonNode>
        {
            ["ogc items"] = await fixture.GetJson("/ogc/collections/datasets/items?limit=100"),
            ["ogc item"] = await fixture.GetJson($"/ogc/collections/datasets/items/{_drawn}"),
            ["export"] = await fixture.GetJson("/api/datasets/export?f=geojson"),
            ["coverage"] = await fixture.GetJson($"/api/datasets/{_drawn}/area"),
        };
        var rings = 0;
        foreach (var (source, json) in sources)
        {
            var features = json["features"] is JsonArray list ? list.Select(f => f!) : [json];
            foreach (var feature in features)
            {
                if (feature["geometry"] is not JsonObject geometry) continue;
                var polygons = (string)geometry["type"]! == "Polygon"
                    ? [geometry["coordinates"]!.AsArray()]
                    : geometry["coordinates"]!.AsArray().Select(p => p!.AsArray()).ToList();
                foreach (var polygon in polygons)
                    for (var r = 0; r < polygon.Count; r++)
                    {
                        var area = SignedArea(polygon[r]!.AsArray());
                        Assert.True(r == 0 ? area > 0 : area < 0,
                            $"{source}, feature {feature["id"]}: ring {r} has signed area {area} ({(r == 0 ? "exterior must be > 0" : "hole must be < 0")})");
                        rings++;
                    }
            }
        }
        Assert.True(rings >= 8, $"only {rings} rings checked");
    }

    static double SignedArea(JsonArray ring)
    {
        var sum = 0.0;
        for (var i = 0; i + 1 < ring.Count; i++)
            sum += (double)ring[i]![0]! * (double)ring[i + 1]![1]! - (double)ring[i + 1]![0]! * (double)ring[i]![1]!;
        return sum / 2;
    }
}
