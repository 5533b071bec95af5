using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.IO.Converters;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Datasets;

public sealed class FootprintLinkTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    readonly DatasetTestApp _app = new(fixture);
    internal static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    /// <summary>Every township, village-tract layer unit and ward of the boundary files with the share of it <paramref name="footprint"/> covers (NTS in UTM 47N).</summary>
    internal static List<(string Pcode, double Share)> Shares(Geometry footprint)
    {
        var utm = new UtmArea();
        var units = BoundaryData.Read("townships.geojson").Select(f => (Pcode: f.Property("ts_pcode"), f.Geometry))
            .Concat(BoundaryData.Read("village_tracts.geojson").Select(f => (Pcode: f.Property("vt_pcode"), f.Geometry)))
            .Concat(BoundaryData.Read("wards.geojson").Select(f => (Pcode: f.Property("ward_pcode"), f.Geometry)));
        return units.Where(u => u.Geometry.EnvelopeInternal.Intersects(footprint.EnvelopeInternal))
            .Select(u => (u.Pcode, Geom: GeometryFixer.Fix(u.Geometry)))
            .Select(u => (u.Pcode, Share: utm.SquareKilometres(u.Geom.Intersection(footprint)) / utm.SquareKilometres(u.Geom)))
            .Where(u => u.Share > 0).ToList();
    }

    static Polygon Rectangle(double x1, double y1, double x2, double y2) =>
        Factory.CreatePolygon([new(x1, y1), new(x2, y1), new(x2, y2), new(x1, y2), new(x1, y1)]);

    internal static JsonNode GeoJson(Geometry g) => JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(g, BoundaryData.GeoJsonOptions))!;

    [Fact]
    public async Task A_footprint_links_exactly_the_units_it_overlaps_by_at_least_the_threshold()
    {
        // A box over Mawlamyine and the Thanlwin (Salween) mouth: two townships, village tracts and the town.
        var footprint = Rectangle(97.55, 16.39, 97.65, 16.49);
        var shares = Shares(footprint);
        Assert.DoesNotContain(shares, s => Math.Abs(s.Share - 0.05) < 0.01); // no unit so close to the threshold that the two area methods could disagree
        var expected = shares.Where(s => s.Share >= 0.05).Select(s => s.Pcode).Order().ToList();
        Assert.Contains(expected, p => p.Length == 9);
        Assert.Contains(expected, p => p.Length == 12);
        Assert.Contains(shares, s => s.Share < 0.05); // some overlapped units are left out, so the threshold is exercised

        var holder = await _app.OrganisationAsync("WFP", "WFP");
        var (id, _, json) = await _app.CreateAsync(DatasetTestApp.Body(holder, area: new JsonObject { ["footprint"] = GeoJson(footprint) }));

        var linked = await Links(id);
        Assert.Equal(expected, linked.Where(l => l.Origin == "footprint").Select(l => l.Pcode).Order().ToList());
        foreach (var (pcode, share) in shares.Where(s => s.Share >= 0.05))
            Assert.Equal(share, linked.Single(l => l.Pcode == pcode).Share!.Value, 0.005);
        Assert.Empty(json["area"]!["notices"]!.AsArray());
        var edition = await _app.Database.ScalarAsync<int>("SELECT max(id) FROM boundary_editions");
        Assert.Equal(0L, await _app.Database.ScalarAsync<long>("SELECT count(*) FROM dataset_links WHERE dataset_id = @id AND edition_id <> @e", ("id", id), ("e", edition)));

        var preview = await Preview(new JsonObject { ["footprint"] = GeoJson(footprint) });
        Assert.Equal(expected, preview["units"]!.AsArray().Select(u => (string)u!["pcode"]!).Order().ToList());
    }

    [Fact]
    public async Task A_one_percent_sliver_does_not_link_the_unit_but_a_lower_threshold_does()
    {
        var vt = BoundaryData.Read("village_tracts.geojson").First(f => f.Property("ts_pcode") == "MMR011002" && f.Property("unit_type") == "village_tract");
        var pcode = vt.Property("vt_pcode");
        var unit = GeometryFixer.Fix(vt.Geometry);
        var centre = unit.InteriorPoint.Coordinate;
        var utm = new UtmArea();
        // A square around an interior point, grown until it covers about 1% of the village tract.
        var side = 0.001;
        Polygon Square() => Rectangle(centre.X - side / 2, centre.Y - side / 2, centre.X + side / 2, centre.Y + side / 2);
        while (utm.SquareKilometres(unit.Intersection(Square())) / utm.SquareKilometres(unit) < 0.01) side *= 1.05;
        var share = utm.SquareKilometres(unit.Intersection(Square())) / utm.SquareKilometres(unit);
        Assert.InRange(share, 0.01, 0.0106);

        var atDefault = await Preview(new JsonObject { ["footprint"] = GeoJson(Square()) });
        Assert.DoesNotContain(atDefault["units"]!.AsArray(), u => (string)u!["pcode"]! == pcode);

        var atHalfPercent = await Preview(new JsonObject { ["footprint"] = GeoJson(Square()), ["threshold"] = 0.005 });
        Assert.Contains(atHalfPercent["units"]!.AsArray(), u => (string)u!["pcode"]! == pcode);
    }

    [Fact]
    public async Task Changing_the_footprint_recomputes_its_links_in_the_same_write()
    {
        var holder = await _app.OrganisationAsync("IOM", "IOM");
        var first = Rectangle(97.60, 16.45, 97.66, 16.50);
        var (id, etag, _) = await _app.CreateAsync(DatasetTestApp.Body(holder, area: new JsonObject { ["footprint"] = GeoJson(first) }), publish: false);
        var second = Rectangle(98.0, 16.0, 98.1, 16.1);
        var expected = Shares(second).Where(s => s.Share >= 0.05).Select(s => s.Pcode).Order().ToList();

        var response = await _app.Client().SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/datasets/{id}")
        {
            Content = JsonContent.Create(DatasetTestApp.Body(holder, area: new JsonObject { ["footprint"] = GeoJson(second) })),
            Headers = { { "If-Match", etag } },
        });

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(etag, response.Headers.ETag!.Tag);
        Assert.Equal(expected, (await Links(id)).Where(l => l.Origin == "footprint").Select(l => l.Pcode).Order().ToList());
        var units = await _app.Database.ScalarAsync<string[]>("SELECT array_agg(pcode ORDER BY pcode) FROM dataset_units WHERE dataset_id = @id", ("id", id));
        Assert.Equal(expected.Where(p => p.Length > 9).Order(), units.Order()); // townships count by roll-up from their village tracts
    }

    [Fact]
    public async Task An_uploaded_GeoJSON_file_is_read_back_as_the_footprint_and_too_many_vertices_is_a_413()
    {
        var file = new JsonObject { ["type"] = "Feature", ["properties"] = new JsonObject(), ["geometry"] = DatasetTestApp.Box(97.60, 16.45, 97.66, 16.50) };
        var upload = new MultipartFormDataContent { { new StringContent(file.ToJsonString()), "file", "area.geojson" } };

        var response = await _app.Client().PostAsync("/api/footprints/read", upload);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        Assert.Equal(5, (int)body["vertices"]!);
        Assert.Equal(97.60, body["footprint"]!["coordinates"]!.AsArray().SelectMany(p => p!.AsArray().SelectMany(r => r!.AsArray())).Min(c => (double)c![0]!), 6);

        var small = new DatasetTestApp(fixture, ("Footprints:MaxVertices", "4"));
        var tooMany = await small.Client().PostAsync("/api/footprints/read",
            new MultipartFormDataContent { { new StringContent(file.ToJsonString()), "file", "area.geojson" } });
        Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, tooMany.StatusCode);
    }

    async Task<JsonNode> Preview(JsonObject body)
    {
        var response = await _app.Client().PostAsJsonAsync("/api/footprints/preview", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!;
    }

    async Task<List<(string Pcode, string Origin, double? Share)>> Links(int id)
    {
        await using var cmd = _app.Database.DataSource.CreateCommand("SELECT pcode, origin, share FROM dataset_links WHERE dataset_id = @id");
        cmd.Parameters.AddWithValue("id", id);
        var links = new List<(string, string, double?)>();
        await using var rows = await cmd.ExecuteReaderAsync();
        while (await rows.ReadAsync()) links.Add((rows.GetString(0), rows.GetString(1), rows.IsDBNull(2) ? null : rows.GetDouble(2)));
        return links;
    }
}
