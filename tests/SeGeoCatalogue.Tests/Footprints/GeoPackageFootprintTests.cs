using NetTopologySuite.Geometries;
using SeGeoCatalogue.Footprints;
using static SeGeoCatalogue.Tests.Footprints.ReferenceGeodesy;

namespace SeGeoCatalogue.Tests.Footprints;

public class GeoPackageFootprintTests
{
    static readonly (double X, double Y)[] Ring = [(96.10, 16.75), (96.25, 16.76), (96.27, 16.88), (96.18, 16.93), (96.11, 16.87)];

    // The OGC WKT that GDAL writes into gpkg_spatial_ref_sys.
    const string Epsg4326 =
        """GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]""";
    const string Epsg32647 =
        """PROJCS["WGS 84 / UTM zone 47N",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",99],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","32647"]]""";

    static MultiPolygon Multi(params Polygon[] polygons) => new GeometryFactory().CreateMultiPolygon(polygons);

    [Fact]
    public void A_WGS84_GeoPackage_reads_back_its_polygons()
    {
        var gpkg = TestFiles.GeoPackage("footprint", [Multi(TestFiles.Polygon(Ring)), Multi(TestFiles.Polygon((97, 17), (97.1, 17), (97.1, 17.1)))], 4326, Epsg4326);

        var result = FootprintFileReader.Read("footprint.gpkg", gpkg);

        var geometry = Twins.Ok(result);
        Assert.Equal(2, geometry.NumGeometries);
        Assert.Equal(new Envelope(96.10, 97.1, 16.75, 17.1), geometry.EnvelopeInternal);
        Assert.Equal("footprint", result.SourceLayer);
    }

    [Fact]
    public void A_UTM_47N_GeoPackage_is_reprojected_from_its_srs_definition()
    {
        var utm = TestFiles.Polygon(Ring.Select(p => ToUtm(p.X, p.Y, 47, Wgs84)).ToArray());
        var gpkg = TestFiles.GeoPackage("footprint", [Multi(utm)], 32647, Epsg32647);

        var result = FootprintFileReader.Read("footprint.gpkg", gpkg);

        var expected = Multi(TestFiles.Polygon(Ring));
        Twins.AssertSame(expected, Twins.Ok(result), metres: 1);
        Assert.Equal("WGS 84 / UTM zone 47N (EPSG:32647)", result.SourceCrs);
    }

    [Fact]
    public void An_Indian_1954_UTM_47N_GeoPackage_without_TOWGS84_gets_the_EPSG_1153_shift()
    {
        // As in the Shapefile test: the corners go WGS 84 -> Indian 1954 by the inverse EPSG:1153 shift, then onto UTM
        // with the Everest 1937 ellipsoid; the definition names the datum "Indian_1954" (OGC spelling) and gives no shift.
        const string epsg23947 =
            """PROJCS["Indian 1954 / UTM zone 47N",GEOGCS["Indian 1954",DATUM["Indian_1954",SPHEROID["Everest 1830 (1937 Adjustment)",6377276.345,300.8017,AUTHORITY["EPSG","7015"]],AUTHORITY["EPSG","6239"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4239"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",99],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","23947"]]""";
        var indian = TestFiles.Polygon(Ring.Select(p =>
        {
            var (lon, lat) = Shift(p.X, p.Y, Wgs84, Everest1937, -217, -823, -299);
            return ToUtm(lon, lat, 47, Everest1937);
        }).ToArray());
        var gpkg = TestFiles.GeoPackage("footprint", [Multi(indian)], 23947, epsg23947);

        var result = FootprintFileReader.Read("footprint.gpkg", gpkg);

        Twins.AssertSame(Multi(TestFiles.Polygon(Ring)), Twins.Ok(result), metres: 50);
        Assert.Equal("Indian 1954 / UTM zone 47N (EPSG:23947)", result.SourceCrs);
    }

    [Fact]
    public void A_GeoPackage_with_an_undefined_srs_is_refused()
    {
        var gpkg = TestFiles.GeoPackage("footprint", [Multi(TestFiles.Polygon(Ring))], -1, "undefined");

        var problem = Twins.SingleProblem(FootprintFileReader.Read("footprint.gpkg", gpkg));

        Assert.Equal("file", problem.Field);
        Assert.Contains("no defined coordinate system", problem.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_GeoPackage_is_refused()
    {
        var problem = Twins.SingleProblem(FootprintFileReader.Read("footprint.gpkg", TestFiles.Text("just text, not SQLite")));

        Assert.Equal("file", problem.Field);
        Assert.Contains("not a readable GeoPackage", problem.Message);
    }
}
