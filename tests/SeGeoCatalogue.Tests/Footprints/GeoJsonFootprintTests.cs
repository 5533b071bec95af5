using NetTopologySuite.Geometries;
using SeGeoCatalogue.Footprints;

namespace SeGeoCatalogue.Tests.Footprints;

public class GeoJsonFootprintTests
{
    static FootprintReadResult Read(string json, FootprintLimits? limits = null) =>
        FootprintFileReader.Read("footprint.geojson", TestFiles.Text(json), limits);

    [Fact]
    public void A_polygon_reads_as_a_one_part_multipolygon_in_lon_lat()
    {
        var geometry = Twins.Ok(Read(TestFiles.GeoJsonPolygon((96.1, 16.8), (96.2, 16.8), (96.2, 16.9))));

        Assert.Equal(1, geometry.NumGeometries);
        Assert.Equal(new Coordinate(96.1, 16.8), geometry.Coordinates[0]);
        Assert.Equal(new Coordinate(96.2, 16.9), geometry.Coordinates[2]);
    }

    [Fact]
    public void Polygons_and_multipolygons_of_a_feature_collection_are_gathered_into_one_multipolygon()
    {
        var json = $$$"""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{},"geometry":{{{TestFiles.GeoJsonPolygon((96.1, 16.8), (96.2, 16.8), (96.2, 16.9))}}}},
              {"type":"Feature","properties":{},"geometry":null},
              {"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[
                [[[97,17],[97.1,17],[97.1,17.1],[97,17]]],
                [[[98,18],[98.1,18],[98.1,18.1],[98,18]]]]}}
            ]}
            """;

        var geometry = Twins.Ok(Read(json));

        Assert.Equal(3, geometry.NumGeometries);
        Assert.Equal(new Envelope(96.1, 98.1, 16.8, 18.1), geometry.EnvelopeInternal);
    }

    [Fact]
    public void A_linestring_is_refused_naming_its_type_and_what_to_do()
    {
        var problem = Twins.SingleProblem(Read("""{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[96.1,16.8],[96.2,16.9]]}}"""));

        Assert.Equal("footprint", problem.Field);
        Assert.Contains("1 LineString", problem.Message);
        Assert.Contains("Polygon or MultiPolygon", problem.Message);
        Assert.Contains("close lines into rings", problem.Message);
    }

    [Fact]
    public void Swapped_coordinates_are_refused_as_out_of_range_with_a_hint()
    {
        var problem = Twins.SingleProblem(Read(TestFiles.GeoJsonPolygon((16.8, 96.1), (16.8, 96.2), (16.9, 96.2))));

        Assert.Equal("footprint", problem.Field);
        Assert.Contains("outside longitude -180..180 / latitude -90..90", problem.Message);
        Assert.Contains("y from 96.1 to 96.2", problem.Message);
        Assert.Contains("swapped", problem.Message);
    }

    [Fact]
    public void Projected_coordinates_in_GeoJSON_are_refused_as_out_of_range()
    {
        var problem = Twins.SingleProblem(Read(TestFiles.GeoJsonPolygon((200_000, 1_850_000), (210_000, 1_850_000), (210_000, 1_860_000))));

        Assert.Equal("footprint", problem.Field);
        Assert.Contains("projected coordinates (metres)", problem.Message);
    }

    [Fact]
    public void Invalid_JSON_is_refused_with_its_line_and_position()
    {
        var problem = Twins.SingleProblem(Read("{\"type\": \"Polygon\",\n \"coordinates\": [[[96.1, 16.8],\n [96.2 16.8]]]}"));

        Assert.Equal("file", problem.Field);
        Assert.Contains("not valid JSON", problem.Message);
        Assert.Contains("line 3, position 8", problem.Message); // the "1" of "16.8", counted from 1
    }

    [Fact]
    public void JSON_that_is_not_GeoJSON_is_refused()
    {
        var problem = Twins.SingleProblem(Read("""{"name":"Bago"}"""));

        Assert.Equal("file", problem.Field);
        Assert.Contains("not GeoJSON", problem.Message);
    }

    [Fact]
    public void A_GeoJSON_that_declares_a_projected_crs_is_refused()
    {
        var problem = Twins.SingleProblem(Read("""
            {"type":"Polygon","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32647"}},
             "coordinates":[[[200000,1850000],[210000,1850000],[210000,1860000],[200000,1850000]]]}
            """));

        Assert.Equal("file", problem.Field);
        Assert.Contains("urn:ogc:def:crs:EPSG::32647", problem.Message);
    }

    [Fact]
    public void An_unclosed_ring_is_refused_naming_the_feature()
    {
        var problem = Twins.SingleProblem(Read("""
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
             "geometry":{"type":"Polygon","coordinates":[[[96.1,16.8],[96.2,16.8],[96.2,16.9],[96.1,16.9]]]}}]}
            """));

        Assert.Equal("footprint", problem.Field);
        Assert.StartsWith("feature 1: the geometry cannot be read", problem.Message);
        Assert.Contains("every ring is closed", problem.Message);
    }

    [Fact]
    public void Too_many_vertices_is_refused_as_too_large()
    {
        var ring = Enumerable.Range(0, 600).Select(i => (96.2 + 0.1 * Math.Cos(i * Math.PI / 300), 16.8 + 0.1 * Math.Sin(i * Math.PI / 300))).ToArray();

        var result = Read(TestFiles.GeoJsonPolygon(ring), new FootprintLimits(MaxVertices: 500));

        var problem = Twins.SingleProblem(result);
        Assert.True(result.TooLarge);
        Assert.Equal(FootprintProblemKind.TooLarge, problem.Kind);
        Assert.Equal("footprint", problem.Field);
        Assert.Contains("more than 500 vertices (at least 601)", problem.Message);
        Assert.Contains("Simplify", problem.Message);
    }

    [Fact]
    public void The_same_polygon_under_the_vertex_limit_is_accepted()
    {
        var ring = Enumerable.Range(0, 400).Select(i => (96.2 + 0.1 * Math.Cos(i * Math.PI / 200), 16.8 + 0.1 * Math.Sin(i * Math.PI / 200))).ToArray();

        Assert.Equal(401, Twins.Ok(Read(TestFiles.GeoJsonPolygon(ring), new FootprintLimits(MaxVertices: 500))).NumPoints);
    }
}
