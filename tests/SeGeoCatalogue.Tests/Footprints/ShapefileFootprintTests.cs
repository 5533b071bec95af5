using NetTopologySuite.Geometries;
using SeGeoCatalogue.Footprints;
using static SeGeoCatalogue.Tests.Footprints.ReferenceGeodesy;

namespace SeGeoCatalogue.Tests.Footprints;

public class ShapefileFootprintTests
{
    // A pentagon near Yangon (UTM zone 47) and one near Pathein (zone 46), in WGS 84 lon/lat.
    static readonly (double X, double Y)[] Zone47 = [(96.10, 16.75), (96.25, 16.76), (96.27, 16.88), (96.18, 16.93), (96.11, 16.87)];
    static readonly (double X, double Y)[] Zone46 = [(94.70, 16.75), (94.85, 16.76), (94.86, 16.89), (94.77, 16.92), (94.71, 16.86)];

    static MultiPolygon Wgs84Twin((double X, double Y)[] ring) =>
        Twins.Ok(FootprintFileReader.Read("twin.geojson", TestFiles.Text(TestFiles.GeoJsonPolygon(ring))));

    [Fact]
    public void A_UTM_47N_shapefile_reads_back_as_its_WGS84_twin()
    {
        var utm = TestFiles.Polygon(Zone47.Select(p => ToUtm(p.X, p.Y, 47, Wgs84)).ToArray());
        var zip = TestFiles.ZippedShapefiles(("area", [utm], TestFiles.EsriWgs84Utm(47)));

        var result = FootprintFileReader.Read("area.zip", zip);

        Twins.AssertSame(Wgs84Twin(Zone47), Twins.Ok(result), metres: 1);
        Assert.Equal("WGS_1984_UTM_Zone_47N", result.SourceCrs);
    }

    [Fact]
    public void A_UTM_46N_shapefile_in_a_subfolder_reads_back_as_its_WGS84_twin()
    {
        var utm = TestFiles.Polygon(Zone46.Select(p => ToUtm(p.X, p.Y, 46, Wgs84)).ToArray());
        var zip = TestFiles.ZippedShapefiles(("export/footprint/area", [utm], TestFiles.EsriWgs84Utm(46)));

        var result = FootprintFileReader.Read("area.zip", zip);

        Twins.AssertSame(Wgs84Twin(Zone46), Twins.Ok(result), metres: 1);
        Assert.Equal("export/footprint/area.shp", result.SourceLayer);
    }

    [Fact]
    public void A_WGS84_geographic_shapefile_is_read_without_change()
    {
        var zip = TestFiles.ZippedShapefiles(("area", [TestFiles.Polygon(Zone47)], TestFiles.EsriWgs84));

        Twins.AssertSame(Wgs84Twin(Zone47), Twins.Ok(FootprintFileReader.Read("area.zip", zip)), metres: 0.001);
    }

    [Theory]
    [InlineData(46)]
    [InlineData(47)]
    public void An_Indian_1954_UTM_shapefile_lands_within_50_m_of_its_WGS84_twin(int zone)
    {
        // The test moves the WGS 84 corners onto Indian 1954 by the inverse of the EPSG:1153 shift (WGS 84 = Indian 1954
        // + (217, 823, 299) m geocentric), then projects them with the Everest 1937 ellipsoid. The reader has only the ESRI
        // .prj, which names D_Indian_1954 and gives no TOWGS84; to land within 50 m it must know that shift. Leaving it
        // out puts the footprint several hundred metres away, which the second assertion shows is what this test catches.
        var ring = zone == 46 ? Zone46 : Zone47;
        (double, double) ToIndianUtm((double X, double Y) p)
        {
            var (lon, lat) = Shift(p.X, p.Y, Wgs84, Everest1937, -217, -823, -299);
            return ToUtm(lon, lat, zone, Everest1937);
        }
        var zip = TestFiles.ZippedShapefiles(("area", [TestFiles.Polygon(ring.Select(ToIndianUtm).ToArray())], TestFiles.EsriIndian1954Utm(zone)));

        var result = FootprintFileReader.Read("area.zip", zip);

        Twins.AssertSame(Wgs84Twin(ring), Twins.Ok(result), metres: 50);
        var unshifted = ring.Select(p => Shift(p.X, p.Y, Wgs84, Everest1937, -217, -823, -299)).First();
        Assert.True(Metres(ring[0].X, ring[0].Y, unshifted.Lon, unshifted.Lat) > 200, "the datum shift should be hundreds of metres, or this test could not notice it missing");
    }

    [Fact]
    public void Coordinates_outside_the_projection_are_refused_asking_to_check_the_prj()
    {
        // Northings of 100,000 km are beyond the pole: the inverse projection returns something, but not a place.
        var polygon = TestFiles.Polygon((400_000, 1_800_000), (450_000, 100_000_000), (420_000, 1_900_000));
        var zip = TestFiles.ZippedShapefiles(("area", [polygon], TestFiles.EsriWgs84Utm(47)));

        var problem = Twins.SingleProblem(FootprintFileReader.Read("area.zip", zip));

        Assert.Equal("footprint", problem.Field);
        Assert.Contains("450000 100000000 lies outside where WGS_1984_UTM_Zone_47N is defined", problem.Message);
        Assert.Contains("Check that the coordinate system (.prj)", problem.Message);
    }

    [Fact]
    public void Lon_lat_data_under_a_geographic_prj_is_checked_for_range()
    {
        var zip = TestFiles.ZippedShapefiles(("area", [TestFiles.Polygon((200_000, 1_850_000), (210_000, 1_850_000), (210_000, 1_860_000))], TestFiles.EsriWgs84));

        var problem = Twins.SingleProblem(FootprintFileReader.Read("area.zip", zip));

        Assert.Equal("footprint", problem.Field);
        Assert.Contains("projected coordinates (metres)", problem.Message);
    }

    [Fact]
    public void A_shapefile_without_a_prj_is_refused_with_what_to_add()
    {
        var zip = TestFiles.ZippedShapefiles(("area", [TestFiles.Polygon(Zone47)], null));

        var problem = Twins.SingleProblem(FootprintFileReader.Read("area.zip", zip));

        Assert.Equal("file", problem.Field);
        Assert.Contains("the Shapefile has no .prj", problem.Message);
        Assert.Contains("add the .prj that came with it (its coordinate system) or export it as WGS 84", problem.Message);
    }

    [Fact]
    public void A_prj_with_an_unknown_datum_is_refused_naming_the_coordinate_system()
    {
        var prj = TestFiles.EsriWgs84Utm(47).Replace("GCS_WGS_1984", "GCS_Mystery_1921").Replace("D_WGS_1984", "D_Mystery_1921")
            .Replace("WGS_1984_UTM_Zone_47N", "Mystery_1921_UTM_Zone_47N");
        var zip = TestFiles.ZippedShapefiles(("area", [TestFiles.Polygon(Zone47)], prj));

        var problem = Twins.SingleProblem(FootprintFileReader.Read("area.zip", zip));

        Assert.Equal("file", problem.Field);
        Assert.Contains("Mystery_1921_UTM_Zone_47N", problem.Message);
        Assert.Contains("D_Mystery_1921", problem.Message);
        Assert.Contains("export the data as WGS 84", problem.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_prj_that_is_not_a_coordinate_system_is_refused_quoting_its_text()
    {
        var zip = TestFiles.ZippedShapefiles(("area", [TestFiles.Polygon(Zone47)], "Myanmar grid, ask Ko Aung"));

        var problem = Twins.SingleProblem(FootprintFileReader.Read("area.zip", zip));

        Assert.Equal("file", problem.Field);
        Assert.Contains("area.prj", problem.Message);
        Assert.Contains("Myanmar grid, ask Ko Aung", problem.Message);
    }

    [Fact]
    public void A_line_shapefile_is_refused_as_not_a_polygon_layer()
    {
        var line = new GeometryFactory().CreateLineString([new(96.1, 16.8), new(96.2, 16.9)]);
        var zip = TestFiles.ZippedShapefiles(("roads", [line], TestFiles.EsriWgs84));

        var problem = Twins.SingleProblem(FootprintFileReader.Read("roads.zip", zip));

        Assert.Equal("footprint", problem.Field);
        Assert.Contains("roads.shp has PolyLine shapes", problem.Message);
        Assert.Contains("needs a Polygon layer", problem.Message);
    }

    [Fact]
    public void Of_several_shapefiles_the_first_polygon_layer_is_read()
    {
        var line = new GeometryFactory().CreateLineString([new(96.1, 16.8), new(96.2, 16.9)]);
        var zip = TestFiles.ZippedShapefiles(("a_roads", [line], TestFiles.EsriWgs84), ("b_area", [TestFiles.Polygon(Zone47)], TestFiles.EsriWgs84));

        var result = FootprintFileReader.Read("layers.zip", zip);

        Twins.AssertSame(Wgs84Twin(Zone47), Twins.Ok(result), metres: 0.001);
        Assert.Equal("b_area.shp", result.SourceLayer);
    }

    [Fact]
    public void A_zip_that_unpacks_past_the_limit_is_refused_as_too_large()
    {
        var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = archive.CreateEntry("area.shp").Open())
            entry.Write(new byte[2 * 1024 * 1024]); // zeros compress to a few kilobytes
        zip.Position = 0;

        var problem = Twins.SingleProblem(FootprintFileReader.Read("area.zip", zip, new FootprintLimits(MaxUncompressedBytes: 1024 * 1024)));

        Assert.Equal(FootprintProblemKind.TooLarge, problem.Kind);
        Assert.Equal("file", problem.Field);
        Assert.Contains("more than 1 MB", problem.Message);
    }

    [Fact]
    public void A_zip_without_a_shapefile_lists_what_it_holds()
    {
        var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = archive.CreateEntry("notes.txt").Open())
            entry.Write("hello"u8);
        zip.Position = 0;

        var problem = Twins.SingleProblem(FootprintFileReader.Read("area.zip", zip));

        Assert.Equal("file", problem.Field);
        Assert.Contains("no Shapefile (.shp)", problem.Message);
        Assert.Contains("notes.txt", problem.Message);
    }
}
