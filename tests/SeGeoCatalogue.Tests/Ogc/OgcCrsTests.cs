using System.Net;
using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Ogc;

/// <summary>OGC API – Features Part 2: crs, bbox-crs and Content-Crs, checked against ProjNet's own UTM conversion.</summary>
public sealed class OgcCrsTests(OpenFormatsFixture fixture) : IClassFixture<OpenFormatsFixture>
{
    const string Crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    const string Epsg4326 = "http://www.opengis.net/def/crs/EPSG/0/4326";
    const string Utm46 = "http://www.opengis.net/def/crs/EPSG/0/32646";
    const string Utm47 = "http://www.opengis.net/def/crs/EPSG/0/32647";

    [Fact]
    public async Task Collections_list_the_four_CRSs_store_CRS84_and_conformance_names_Part_2()
    {
        foreach (var collection in (await fixture.GetJson("/ogc/collections"))["collections"]!.AsArray())
        {
            Assert.Equal([Crs84, Epsg4326, Utm46, Utm47], collection!["crs"]!.AsArray().Select(c => (string)c!));
            Assert.Equal(Crs84, (string)collection["storageCrs"]!);
        }
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
            (await fixture.GetJson("/ogc/conformance"))["conformsTo"]!.AsArray().Select(c => (string)c!));
    }

    [Theory]
    [InlineData(Utm47, 47)]
    [InlineData(Utm46, 46)]
    [InlineData("[EPSG:32647]", 47)]
    public async Task UTM_coordinates_are_ProjNets_conversion_of_the_CRS84_ones(string crs, int zone)
    {
        var toUtm = new CoordinateTransformationFactory().CreateFromCoordinateSystems(
            GeographicCoordinateSystem.WGS84, ProjectedCoordinateSystem.WGS84_UTM(zone, zoneIsNorth: true)).MathTransform;
        foreach (var url in new[] { "/ogc/collections/townships/items/MMR011001", $"/ogc/collections/datasets/items/{fixture.Picked}" })
        {
            var lonLat = Coordinates(await fixture.GetJson(url));
            var response = await fixture.Client.GetAsync($"{url}?crs={Uri.EscapeDataString(crs)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal($"<http://www.opengis.net/def/crs/EPSG/0/326{zone}>", Assert.Single(response.Headers.GetValues("Content-Crs")));
            var utm = Coordinates(JsonNode.Parse(await response.Content.ReadAsStringAsync())!);

            Assert.True(lonLat.Count > 100, $"{url}: {lonLat.Count} positions");
            Assert.Equal(lonLat.Count, utm.Count);
            for (var i = 0; i < lonLat.Count; i++)
            {
                var (x, y) = toUtm.Transform(lonLat[i].X, lonLat[i].Y);
                Assert.True(Math.Abs(x - utm[i].X) < 0.02 && Math.Abs(y - utm[i].Y) < 0.02,
                    $"{url} position {i}: ProjNet ({x:F3}, {y:F3}), served ({utm[i].X}, {utm[i].Y})");
            }
        }
    }

    [Fact]
    public async Task EPSG_4326_answers_latitude_first_and_CRS84_is_named_in_Content_Crs_by_default()
    {
        var plain = await fixture.Client.GetAsync("/ogc/collections/townships/items?limit=3");
        Assert.Equal($"<{Crs84}>", Assert.Single(plain.Headers.GetValues("Content-Crs")));
        var lonLat = Coordinates(JsonNode.Parse(await plain.Content.ReadAsStringAsync())!);

        var flipped = await fixture.Client.GetAsync($"/ogc/collections/townships/items?limit=3&crs={Epsg4326}");
        Assert.Equal($"<{Epsg4326}>", Assert.Single(flipped.Headers.GetValues("Content-Crs")));
        var latLon = Coordinates(JsonNode.Parse(await flipped.Content.ReadAsStringAsync())!);

        Assert.Equal(lonLat.Select(c => (c.Y, c.X)), latLon.Select(c => (c.X, c.Y)));
        Assert.All(latLon, c => Assert.InRange(c.X, 9.0, 21.0)); // Myanmar's South East: latitudes, not longitudes
    }

    [Fact]
    public async Task A_bbox_in_EPSG_4326_is_latitude_first_and_selects_what_the_CRS84_box_selects()
    {
        var crs84 = await Pcodes("bbox=97.5,16.3,97.8,16.6");
        var latFirst = await Pcodes($"bbox=16.3,97.5,16.6,97.8&bbox-crs={Epsg4326}");

        Assert.NotEmpty(crs84);
        Assert.Equal(crs84, latFirst);
    }

    [Fact]
    public async Task A_bbox_in_UTM_47N_selects_the_townships_ProjNet_finds_in_it_and_at_most_those_of_its_lon_lat_envelope()
    {
        var toUtm = new CoordinateTransformationFactory().CreateFromCoordinateSystems(
            GeographicCoordinateSystem.WGS84, ProjectedCoordinateSystem.WGS84_UTM(47, zoneIsNorth: true)).MathTransform;
        var toLonLat = toUtm.Inverse();
        var box = new Envelope(340_000, 380_000, 1_800_000, 1_840_000);
        var utm = new UtmArea();
        var townships = BoundaryData.Read("townships.geojson");
        var inBox = townships.Where(t => utm.ToUtm(t.Geometry).Intersects(new GeometryFactory().ToGeometry(box)))
            .Select(t => t.Property("ts_pcode")).Order().ToList();
        var corners = new[] { (box.MinX, box.MinY), (box.MinX, box.MaxY), (box.MaxX, box.MinY), (box.MaxX, box.MaxY) }
            .Select(c => toLonLat.Transform(c.Item1, c.Item2)).ToList();
        var envelope = new Envelope(corners.Min(c => c.x) - 0.01, corners.Max(c => c.x) + 0.01, corners.Min(c => c.y) - 0.01, corners.Max(c => c.y) + 0.01);
        var inEnvelope = townships.Where(t => t.Geometry.EnvelopeInternal.Intersects(envelope)).Select(t => t.Property("ts_pcode")).ToHashSet();

        var served = await Pcodes($"bbox=340000,1800000,380000,1840000&bbox-crs={Uri.EscapeDataString("[EPSG:32647]")}");

        Assert.NotEmpty(inBox);
        Assert.Subset(served.ToHashSet(), inBox.ToHashSet());
        Assert.Subset(inEnvelope, served.ToHashSet());
    }

    [Theory]
    [InlineData("crs=http://www.opengis.net/def/crs/EPSG/0/3857", "crs")]
    [InlineData("bbox=1,2,3,4&bbox-crs=EPSG:2154", "bbox-crs")]
    [InlineData("bbox=340000,1800000,380000&bbox-crs=EPSG:32647", "bbox")]
    [InlineData("bbox=-5,1800000,380000,1840000&bbox-crs=EPSG:32647", "bbox")]
    [InlineData("bbox=97.5,16.3,97.8,16.6&bbox-crs=EPSG:4326", "bbox")]
    public async Task An_unsupported_CRS_or_a_bbox_outside_its_CRS_is_a_400_naming_the_field(string query, string field)
    {
        foreach (var collection in new[] { "townships", "datasets" })
        {
            var response = await fixture.Client.GetAsync($"/ogc/collections/{collection}/items?{query}");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![field]);
        }
        var item = await fixture.Client.GetAsync("/ogc/collections/townships/items/MMR011001?crs=EPSG:3857");
        Assert.Equal(HttpStatusCode.BadRequest, item.StatusCode);
    }

    async Task<List<string>> Pcodes(string query) =>
        (await fixture.GetJson($"/ogc/collections/townships/items?limit=1000&{query}"))["features"]!.AsArray()
        .Select(f => (string)f!["id"]!).Order().ToList();

    /// <summary>Every position of a Feature or FeatureCollection, in order.</summary>
    static List<(double X, double Y)> Coordinates(JsonNode geoJson)
    {
        var positions = new List<(double, double)>();
        void Walk(JsonNode? node)
        {
            if (node is not JsonArray array) return;
            if (array.Count >= 2 && array[0] is JsonValue && array[1] is JsonValue) positions.Add(((double)array[0]!, (double)array[1]!));
            else foreach (var child in array) Walk(child);
        }
        var features = geoJson["features"] is JsonArray list ? list.Select(f => f!) : [geoJson];
        foreach (var feature in features) Walk(feature["geometry"]!["coordinates"]);
        return positions;
    }
}
