using SeGeoCatalogue.Footprints;

namespace SeGeoCatalogue.Tests.Footprints;

public class FootprintFileReaderTests
{
    [Fact]
    public void An_unsupported_extension_is_refused_listing_the_supported_formats()
    {
        var problem = Twins.SingleProblem(FootprintFileReader.Read("footprint.kml", TestFiles.Text("<kml/>")));

        Assert.Equal("file", problem.Field);
        Assert.Contains(".kml", problem.Message);
        foreach (var format in new[] { ".geojson", ".json", ".zip", ".gpkg" }) Assert.Contains(format, problem.Message);
    }

    [Fact]
    public void A_bare_shp_is_refused_asking_for_the_zip()
    {
        var problem = Twins.SingleProblem(FootprintFileReader.Read("area.shp", new MemoryStream(new byte[100])));

        Assert.Equal("file", problem.Field);
        Assert.Contains("zip the .shp, .shx, .dbf and .prj together", problem.Message);
    }

    [Fact]
    public void The_extension_is_matched_whatever_its_case()
    {
        Twins.Ok(FootprintFileReader.Read("AREA.GeoJSON", TestFiles.Text(TestFiles.GeoJsonPolygon((96.1, 16.8), (96.2, 16.8), (96.2, 16.9)))));
    }
}
