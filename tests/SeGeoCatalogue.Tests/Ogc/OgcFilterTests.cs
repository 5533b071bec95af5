using System.Net;
using System.Text.Json.Nodes;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Ogc;

/// <summary>
/// OGC API – Features Part 3: queryables and CQL2 filters (text and JSON). Each filter's answer is compared with the same
/// selection made here over the boundary file or the seeded records.
/// </summary>
public sealed class OgcFilterTests(OpenFormatsFixture fixture) : IClassFixture<OpenFormatsFixture>
{
    static readonly FeatureCollection Townships = BoundaryData.Read("townships.geojson");

    static List<string> Expected(Func<IFeature, bool> keep) => Townships.Where(keep).Select(t => t.Property("ts_pcode")).Order().ToList();

    [Fact]
    public async Task Queryables_are_a_JSON_Schema_linked_from_each_collection()
    {
        var response = await fixture.Client.GetAsync("/ogc/collections/datasets/queryables");
        Assert.Equal("application/schema+json", response.Content.Headers.ContentType!.MediaType);
        var schema = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("object", (string)schema["type"]!);
        Assert.Equal("date", (string)schema["properties"]!["period_start"]!["format"]!);
        Assert.Equal("string", (string)schema["properties"]!["holder"]!["type"]!);
        Assert.Equal("geometry-any", (string)schema["properties"]!["geometry"]!["format"]!);
        Assert.NotNull((await fixture.GetJson("/ogc/collections/townships/queryables"))["properties"]!["name_en"]);
        Assert.Contains((await fixture.GetJson("/ogc/collections/townships"))["links"]!.AsArray(),
            l => (string)l!["rel"]! == "http://www.opengis.net/def/rel/ogc/1.0/queryables");
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
            (await fixture.GetJson("/ogc/conformance"))["conformsTo"]!.AsArray().Select(c => (string)c!));
    }

    public static TheoryData<string, string, Func<IFeature, bool>> TownshipFilters() => new()
    {
        { "state_pcode = 'MMR011'", """{"op":"=","args":[{"property":"state_pcode"},"MMR011"]}""", t => t.Property("st_pcode") == "MMR011" },
        { "state_pcode = 'MMR011' AND NOT name_en LIKE 'K%'",
          """{"op":"and","args":[{"op":"=","args":[{"property":"state_pcode"},"MMR011"]},{"op":"not","args":[{"op":"like","args":[{"property":"name_en"},"K%"]}]}]}""",
          t => t.Property("st_pcode") == "MMR011" && !t.Property("ts_name_en").StartsWith('K') },
        { "pcode IN ('MMR011001', 'MMR003005', 'MMR999999') OR district_pcode = 'MMR003D001'",
          """{"op":"or","args":[{"op":"in","args":[{"property":"pcode"},["MMR011001","MMR003005","MMR999999"]]},{"op":"=","args":[{"property":"district_pcode"},"MMR003D001"]}]}""",
          t => t.Property("ts_pcode") is "MMR011001" or "MMR003005" || t.Property("dt_pcode") == "MMR003D001" },
        { "name_en <> 'Hpa-An' AND state_pcode IN ('MMR003')", """{"op":"and","args":[{"op":"<>","args":[{"property":"name_en"},"Hpa-An"]},{"op":"in","args":[{"property":"state_pcode"},["MMR003"]]}]}""",
          t => t.Property("ts_name_en") != "Hpa-An" && t.Property("st_pcode") == "MMR003" },
        { "name_en IS NULL", """{"op":"isNull","args":[{"property":"name_en"}]}""", t => t.Property("ts_name_en") == "" },
        { "S_INTERSECTS(geometry, POINT(97.63 16.49))", """{"op":"s_intersects","args":[{"property":"geometry"},{"type":"Point","coordinates":[97.63,16.49]}]}""",
          t => t.Geometry.Intersects(new Point(97.63, 16.49)) },
        { "S_INTERSECTS(geometry, POLYGON((97.5 16.3, 97.8 16.3, 97.8 16.6, 97.5 16.6, 97.5 16.3))) AND state_pcode = 'MMR011'",
          """{"op":"and","args":[{"op":"s_intersects","args":[{"property":"geometry"},{"type":"Polygon","coordinates":[[[97.5,16.3],[97.8,16.3],[97.8,16.6],[97.5,16.6],[97.5,16.3]]]}]},{"op":"=","args":[{"property":"state_pcode"},"MMR011"]}]}""",
          t => t.Geometry.Intersects(new WKTReader().Read("POLYGON((97.5 16.3, 97.8 16.3, 97.8 16.6, 97.5 16.6, 97.5 16.3))")) && t.Property("st_pcode") == "MMR011" },
        { "S_INTERSECTS(geometry, BBOX(97.5, 16.3, 97.8, 16.6))", """{"op":"s_intersects","args":[{"property":"geometry"},{"bbox":[97.5,16.3,97.8,16.6]}]}""",
          t => t.Geometry.Intersects(new GeometryFactory().ToGeometry(new Envelope(97.5, 97.8, 16.3, 16.6))) },
    };

    [Theory]
    [MemberData(nameof(TownshipFilters))]
    public async Task Township_filters_in_text_and_JSON_select_what_the_boundary_file_selects(string text, string json, Func<IFeature, bool> keep)
    {
        var expected = Expected(keep);

        Assert.Equal(expected, await Pcodes(text, null));
        Assert.Equal(expected, await Pcodes(json, "cql2-json"));
    }

    [Fact]
    public async Task Dataset_filters_select_what_the_seeded_records_hold_and_never_a_restricted_record()
    {
        var wfpRecords = new[] { fixture.Picked, fixture.StateLevel }.Order().ToList();
        Assert.Equal(wfpRecords, await Records("holder = 'World Food Programme'", null));
        Assert.Equal([fixture.Picked], await Records("availability = 'public'", null));
        Assert.Equal([fixture.StateLevel], await Records("period_start < DATE('2015-01-01')", null));
        Assert.Equal([fixture.Picked], await Records("T_INTERSECTS(datetime, INTERVAL('2015-06-01', '2015-12-31'))", null));
        Assert.Equal([fixture.Sensitive, fixture.StateLevel], (await Records("T_INTERSECTS(datetime, INTERVAL('..', '2014-12-31')) OR period_end >= '2016-06-01'", null)).Order());
        Assert.Equal([fixture.Picked, fixture.Sensitive], (await Records(
            """{"op":"t_intersects","args":[{"property":"datetime"},{"interval":["2015-01-01",".."]}]}""", "cql2-json")).Order());
        Assert.Equal([fixture.Picked, fixture.Sensitive], (await Records("period_start BETWEEN '2015-01-01' AND '2016-01-01'", null)).Order());
        Assert.Empty(await Records("title LIKE 'RESTRICTED%'", null));
        Assert.Empty(await Records("title = 'x'' OR 1=1 --'", null));
    }

    [Fact]
    public async Task A_spatial_filter_on_datasets_selects_by_the_geometry_served()
    {
        var all = await fixture.GetJson("/ogc/collections/datasets/items?limit=100");
        var point = new Point(97.63, 16.49);
        var options = new System.Text.Json.JsonSerializerOptions { Converters = { new NetTopologySuite.IO.Converters.GeoJsonConverterFactory() } };
        var expected = all["features"]!.AsArray()
            .Where(f => System.Text.Json.JsonSerializer.Deserialize<Geometry>(f!["geometry"]!.ToJsonString(), options)!.Intersects(point)).Select(f => (int)f!["id"]!).Order().ToList();
        var far = new Point(95.0, 21.0);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, await Records("S_INTERSECTS(geometry, POINT(97.63 16.49))", null));
        Assert.Equal(expected.Count, (int)(await fixture.GetJson(
            $"/ogc/collections/datasets/items?filter={Uri.EscapeDataString("S_INTERSECTS(geometry, POINT(97.63 16.49))")}"))["numberMatched"]!);
        Assert.Empty(await Records($"S_INTERSECTS(geometry, POINT({far.X} {far.Y}))", null));
    }

    [Theory]
    [InlineData("name_en = 'unclosed", "not closed")]
    [InlineData("colour = 'red'", "not a queryable")]
    [InlineData("area_km2 = 'big'", "number")]
    [InlineData("name_en = 5", "string")]
    [InlineData("name_en == 'x'", "Expected")]
    [InlineData("name_en = 'x'; DROP TABLE admin_units", "Expected")]
    [InlineData("S_INTERSECTS(geometry, POLYGON((1 2, 3 4)))", "WKT")]
    [InlineData("S_INTERSECTS(geometry, POINT(500000 1800000))", "CRS84")]
    [InlineData("S_INTERSECTS(name_en, POINT(97 16))", "geometry")]
    [InlineData("((((((((((((((name_en = 'x'))))))))))))))", "deeper")]
    [InlineData("T_INTERSECTS(name_en, DATE('2015-01-01'))", "date queryable")]
    public async Task A_malformed_or_unsafe_filter_is_a_400_problem_naming_filter_and_the_fault(string filter, string says)
    {
        var response = await fixture.Client.GetAsync($"/ogc/collections/townships/items?filter={Uri.EscapeDataString(filter)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!["filter"]![0]!;
        Assert.Contains(says, problem);
        Assert.Equal(79L, await fixture.App.ScalarAsync<long>("SELECT count(*) FROM admin_units WHERE level = 3 AND retired_at IS NULL"));
    }

    [Theory]
    [InlineData("filter={\"op\":\"=\",\"args\":[{\"property\":\"name_en\"}]}&filter-lang=cql2-json", "filter")]
    [InlineData("filter={\"op\":\"drop\",\"args\":[]}&filter-lang=cql2-json", "filter")]
    [InlineData("filter=not json&filter-lang=cql2-json", "filter")]
    [InlineData("filter=name_en%3D'x'&filter-lang=sql", "filter-lang")]
    public async Task Malformed_JSON_filters_and_unknown_languages_are_400s(string query, string field)
    {
        var response = await fixture.Client.GetAsync($"/ogc/collections/townships/items?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![field]);
    }

    [Fact]
    public async Task A_filter_with_too_many_terms_is_refused_before_any_SQL()
    {
        var many = string.Join(" OR ", Enumerable.Range(0, 35).Select(i => $"pcode='{i % 10}'"));

        var response = await fixture.Client.GetAsync($"/ogc/collections/townships/items?filter={Uri.EscapeDataString(many)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("terms", (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!["filter"]![0]!);
    }

    Task<List<string>> Pcodes(string filter, string? language) => Ids("townships", filter, language);

    async Task<List<int>> Records(string filter, string? language) =>
        (await Ids("datasets", filter, language)).Select(int.Parse).Order().ToList();

    async Task<List<string>> Ids(string collection, string filter, string? language)
    {
        var url = $"/ogc/collections/{collection}/items?limit=1000&filter={Uri.EscapeDataString(filter)}" + (language is null ? "" : $"&filter-lang={language}");
        return (await fixture.GetJson(url))["features"]!.AsArray().Select(f => f!["id"]!.ToString()).Order().ToList();
    }
}
