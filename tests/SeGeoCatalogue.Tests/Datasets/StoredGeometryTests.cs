using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Datasets;

/// <summary>
/// Every record keeps the geometry it is served with (datasets.geometry, and geometry_coarse for sensitive records):
/// the expected shapes are unions the test makes itself over hand-named pcodes, or the footprint it drew. A union of
/// units is stored as its outline, which the README promises is within 1/200 of the union's extent (its diagonal).
/// </summary>
public sealed class StoredGeometryTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    readonly DatasetTestApp _app = new(fixture);

    /// <summary>Distance (degrees) between what is stored for <paramref name="id"/> in <paramref name="column"/> and <paramref name="expectedSql"/>.</summary>
    Task<double> StoredVersus(int id, string column, string expectedSql) => _app.Database.ScalarAsync<double>(
        $"SELECT coalesce(ST_HausdorffDistance(d.{column}, ({expectedSql})), 1e9) FROM datasets d WHERE d.id = @id", ("id", id));

    static string UnionOf(params string[] pcodes) =>
        $"SELECT ST_Union(display_geom) FROM admin_units WHERE pcode IN ({string.Join(", ", pcodes.Select(p => $"'{p}'"))})";

    /// <summary>How far an outline of <paramref name="unionSql"/> may lie from it: 1/200 of the diagonal of its extent.</summary>
    Task<double> OutlineTolerance(string unionSql) => _app.Database.ScalarAsync<double>(
        $"SELECT sqrt((ST_XMax(g) - ST_XMin(g)) ^ 2 + (ST_YMax(g) - ST_YMin(g)) ^ 2) / 200 FROM ({unionSql}) u(g)");

    /// <summary>
    /// The stored outline lies within the tolerance of the union, and reaches all of it but specks: at most 1.5 % of the
    /// union's area lies farther than the tolerance from it (islands smaller than a square of the tolerance a side may be
    /// left out; Tanintharyi's archipelago is the worst case, ≈ 1 %).
    /// </summary>
    async Task AssertOutlineOf(int id, string column, string unionSql)
    {
        var tolerance = await OutlineTolerance(unionSql);
        Assert.True(await _app.Database.ScalarAsync<bool>(
            $"SELECT ST_Covers(ST_Buffer(u.g, @t), d.{column}) FROM datasets d, ({unionSql}) u(g) WHERE d.id = @id", ("id", id), ("t", tolerance * 1.001)),
            $"the stored {column} strays more than {tolerance} from the union");
        Assert.InRange(await _app.Database.ScalarAsync<double>(
            $"SELECT ST_Area(ST_Difference(u.g, ST_Buffer(d.{column}, @t))) / ST_Area(u.g) FROM datasets d, ({unionSql}) u(g) WHERE d.id = @id",
            ("id", id), ("t", tolerance * 1.001)), 0, 0.015);
    }

    [Fact]
    public async Task A_records_units_are_stored_as_an_outline_with_far_fewer_vertices_than_their_union()
    {
        var holder = await _app.OrganisationAsync("Outline holder");
        var (id, _, _) = await _app.CreateAsync(DatasetTestApp.Body(holder, "State-wide survey", new JsonObject { ["pcodes"] = new JsonArray("MMR003") }), publish: false);
        var union = UnionOf("MMR003");

        await AssertOutlineOf(id, "geometry", union);
        var unionVertices = await _app.Database.ScalarAsync<int>($"SELECT ST_NPoints(g) FROM ({union}) u(g)");
        var storedVertices = await _app.Database.ScalarAsync<int>("SELECT ST_NPoints(geometry) FROM datasets WHERE id = @id", ("id", id));
        Assert.True(storedVertices * 4 <= unionVertices, $"{storedVertices} vertices stored for a union of {unionVertices}");
        var item = JsonNode.Parse(await _app.Client().GetStringAsync($"/ogc/collections/datasets/items/{id}"))!;
        Assert.True(await Served(item["geometry"]!, $"SELECT geometry FROM datasets WHERE id = {id}") < 1e-5, "the OGC item serves the outline");
    }

    [Fact]
    public async Task An_outline_leaves_out_the_specks_of_an_archipelago_but_keeps_nearly_all_of_its_area()
    {
        var holder = await _app.OrganisationAsync("Archipelago holder");
        var (id, _, _) = await _app.CreateAsync(DatasetTestApp.Body(holder, "Tanintharyi-wide survey", new JsonObject { ["pcodes"] = new JsonArray("MMR006") }), publish: false);
        var union = UnionOf("MMR006");

        await AssertOutlineOf(id, "geometry", union);
        var unionParts = await _app.Database.ScalarAsync<int>($"SELECT ST_NumGeometries(g) FROM ({union}) u(g)");
        var storedParts = await _app.Database.ScalarAsync<int>("SELECT ST_NumGeometries(geometry) FROM datasets WHERE id = @id", ("id", id));
        Assert.True(storedParts * 4 <= unionParts, $"{storedParts} parts stored for a union of {unionParts} (the Myeik archipelago)");
    }

    [Fact]
    public async Task A_records_geometry_is_the_union_of_its_units_display_geometries_and_follows_each_write()
    {
        var holder = await _app.OrganisationAsync("Union holder");
        var body = DatasetTestApp.Body(holder, "Two townships", new JsonObject { ["pcodes"] = new JsonArray("MMR011001", "MMR011002") });
        var (id, etag, _) = await _app.CreateAsync(body, publish: false);

        await AssertOutlineOf(id, "geometry", UnionOf("MMR011001", "MMR011002"));

        body["area"] = new JsonObject { ["pcodes"] = new JsonArray("MMR011004") };
        var put = await PutAsync(id, body, etag);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        await AssertOutlineOf(id, "geometry", UnionOf("MMR011004"));

        body["area"] = new JsonObject { ["footprint"] = DatasetTestApp.Box(97.60, 16.45, 97.66, 16.50) };
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(id, body, put.Headers.ETag!.Tag)).StatusCode);
        Assert.True(await StoredVersus(id, "geometry", "SELECT ST_MakeEnvelope(97.60, 16.45, 97.66, 16.50, 4326)") < 1e-9);
        Assert.Equal(0L, await _app.Database.ScalarAsync<long>("SELECT count(*) FROM datasets WHERE id = @id AND geometry_coarse IS NOT NULL", ("id", id)));
    }

    [Fact]
    public async Task A_boundary_change_moves_the_stored_geometry_but_not_the_records_ETag()
    {
        var holder = await _app.OrganisationAsync("ETag holder");
        var body = DatasetTestApp.Body(holder, "ETag kept", new JsonObject { ["pcodes"] = new JsonArray("MMR011003") });
        var (id, etag, _) = await _app.CreateAsync(body, publish: false);
        Assert.Equal(etag, (await _app.Client().GetAsync($"/api/datasets/{id}")).Headers.ETag!.Tag);

        await _app.Database.ScalarAsync<int>(
            "UPDATE admin_units SET display_geom = ST_Multi(ST_Buffer(display_geom, -0.01)) WHERE pcode = 'MMR011003' RETURNING 1");

        await AssertOutlineOf(id, "geometry", UnionOf("MMR011003"));
        Assert.Equal(etag, (await _app.Client().GetAsync($"/api/datasets/{id}")).Headers.ETag!.Tag);
        body["title"] = "ETag kept, edited";
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(id, body, etag)).StatusCode);
    }

    [Fact]
    public async Task A_boundary_change_reaches_the_stored_geometry_of_the_records_linked_there()
    {
        var holder = await _app.OrganisationAsync("Boundary holder");
        var (id, _, _) = await _app.CreateAsync(DatasetTestApp.Body(holder, "Kyaikmaraw", new JsonObject { ["pcodes"] = new JsonArray("MMR011005") }), publish: false);
        var before = await _app.Database.ScalarAsync<double>("SELECT ST_Area(geometry) FROM datasets WHERE id = @id", ("id", id));

        await _app.Database.ScalarAsync<int>(
            "UPDATE admin_units SET display_geom = ST_Multi(ST_Buffer(display_geom, -0.01)) WHERE pcode = 'MMR011005' RETURNING 1");

        await AssertOutlineOf(id, "geometry", UnionOf("MMR011005"));
        Assert.True(await _app.Database.ScalarAsync<double>("SELECT ST_Area(geometry) FROM datasets WHERE id = @id", ("id", id)) < before);
    }

    /// <summary>
    /// A sensitive footprint drawn in Mawlamyine town: its holder sees the square everywhere the record's geometry is
    /// served; the public sees Mawlamyine township (MMR011001), the one township the square's units lie in.
    /// </summary>
    [Fact]
    public async Task A_sensitive_footprint_is_served_coarse_to_viewers_without_the_detail_in_OGC_DCAT_exports_and_search()
    {
        var holder = await _app.OrganisationAsync("Sensitive holder");
        var body = DatasetTestApp.Body(holder, "Sensitive wells");
        body["footprint_sensitive"] = true;
        body["area"] = new JsonObject { ["footprint"] = DatasetTestApp.Box(97.62, 16.47, 97.64, 16.49) };
        var (id, _, _) = await _app.CreateAsync(body);

        await AssertOutlineOf(id, "geometry_coarse", UnionOf("MMR011001"));
        const string Square = "SELECT ST_MakeEnvelope(97.62, 16.47, 97.64, 16.49, 4326)";
        var township = UnionOf("MMR011001");
        var townshipBox = await _app.Database.ScalarAsync<double[]>(
            $"SELECT ARRAY[ST_XMin(g), ST_YMin(g), ST_XMax(g), ST_YMax(g)] FROM ({township}) t(g)");

        foreach (var (viewer, expected, box, tolerance) in new[]
                 {
                     ((string?)null, township, townshipBox, await OutlineTolerance(township) * 1.0001),
                     ($"member:{holder}", Square, [97.62, 16.47, 97.64, 16.49], 1e-5),
                 })
        {
            var client = _app.Client(viewer);
            var item = JsonNode.Parse(await client.GetStringAsync($"/ogc/collections/datasets/items/{id}"))!;
            Assert.True(await Served(item["geometry"]!, expected) < tolerance, $"OGC item as {viewer ?? "public"}");
            var export = JsonNode.Parse(await client.GetStringAsync($"/api/datasets/export?f=geojson&q={Uri.EscapeDataString("Sensitive wells")}"))!;
            var feature = export["features"]!.AsArray().Single(f => (int)f!["id"]! == id)!;
            Assert.True(await Served(feature["geometry"]!, expected) < tolerance, $"export as {viewer ?? "public"}");

            var search = JsonNode.Parse(await client.GetStringAsync($"/api/datasets?q={Uri.EscapeDataString("Sensitive wells")}"))!;
            var hit = search["items"]!.AsArray().Single(i => (int)i!["id"]! == id)!;
            var served = hit["bbox"]!.AsArray().Select(v => (double)v!).ToArray();
            Assert.All(served.Zip(box), p => Assert.InRange(p.First, p.Second - tolerance, p.Second + tolerance));

            var dcat = JsonNode.Parse(await client.GetStringAsync($"/api/datasets/{id}/dcat"))!;
            var bboxWkt = (string)dcat["dct:spatial"]!.AsArray().First(l => l!["dcat:bbox"] is not null)!["dcat:bbox"]!["@value"]!;
            Assert.True(await _app.Database.ScalarAsync<double>(
                $"SELECT ST_HausdorffDistance(ST_GeomFromText(@wkt, 4326), ST_Envelope(({expected})))", ("wkt", bboxWkt)) < tolerance, $"DCAT as {viewer ?? "public"}");
        }
    }

    Task<double> Served(JsonNode geometry, string expectedSql) => _app.Database.ScalarAsync<double>(
        $"SELECT ST_HausdorffDistance(ST_SetSRID(ST_GeomFromGeoJSON(@g), 4326), ({expectedSql}))", ("g", geometry.ToJsonString()));

    Task<HttpResponseMessage> PutAsync(int id, JsonObject body, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/datasets/{id}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return _app.Client().SendAsync(request);
    }
}
