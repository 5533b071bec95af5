using System.Globalization;
using System.IO.Compression;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.IO.Esri;

namespace SeGeoCatalogue.Tests.Footprints;

/// <summary>Builds footprint upload files (GeoJSON text, zipped Shapefiles, GeoPackages) in memory for the tests.</summary>
public static class TestFiles
{
    // Official ESRI .prj texts, as ArcGIS writes them (no TOWGS84).
    public const string EsriWgs84 =
        """GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]""";

    public static string EsriWgs84Utm(int zone) =>
        $"""PROJCS["WGS_1984_UTM_Zone_{zone}N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",{zone * 6 - 183}.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]""";

    public static string EsriIndian1954Utm(int zone) =>
        $"""PROJCS["Indian_1954_UTM_Zone_{zone}N",GEOGCS["GCS_Indian_1954",DATUM["D_Indian_1954",SPHEROID["Everest_Adjustment_1937",6377276.345,300.8017]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",{zone * 6 - 183}.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]""";

    static readonly GeometryFactory Factory = new();

    public static Polygon Polygon(params (double X, double Y)[] ring) =>
        Factory.CreatePolygon(ring.Append(ring[0]).Select(p => new Coordinate(p.X, p.Y)).ToArray());

    public static string GeoJsonPolygon(params (double X, double Y)[] ring) =>
        "{\"type\":\"Polygon\",\"coordinates\":[[" +
        string.Join(",", ring.Append(ring[0]).Select(p => string.Create(CultureInfo.InvariantCulture, $"[{p.X},{p.Y}]"))) + "]]}";

    public static MemoryStream Text(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>A .zip holding one Shapefile per layer (path without extension → geometries, .prj text or null for none).</summary>
    public static MemoryStream ZippedShapefiles(params (string Path, Geometry[] Geometries, string? Prj)[] layers)
    {
        var folder = Directory.CreateTempSubdirectory("footprint-test-");
        try
        {
            var zipped = new MemoryStream();
            using (var zip = new ZipArchive(zipped, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var (path, geometries, prj) in layers)
                {
                    var shp = System.IO.Path.Combine(folder.FullName, System.IO.Path.GetFileName(path) + ".shp");
                    var features = geometries.Select((g, i) => new Feature(g, new AttributesTable { { "id", i + 1 } }));
                    Shapefile.WriteAllFeatures(features, shp, prj);
                    foreach (var file in Directory.GetFiles(folder.FullName, System.IO.Path.GetFileName(path) + ".*"))
                        zip.CreateEntryFromFile(file, System.IO.Path.ChangeExtension(path, System.IO.Path.GetExtension(file)));
                }
            }
            zipped.Position = 0;
            return zipped;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A minimal GeoPackage with one feature table of polygons in the given spatial reference system.</summary>
    public static MemoryStream GeoPackage(string table, Geometry[] geometries, int srsId, string definition)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"footprint-test-{Guid.NewGuid():N}.gpkg");
        try
        {
            using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                connection.Open();
                Execute(connection, $"""
                    PRAGMA application_id = 1196444487;
                    CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
                        organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
                    CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
                        description TEXT DEFAULT '', last_change DATETIME, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
                    CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
                        srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, PRIMARY KEY (table_name, column_name));
                    CREATE TABLE "{table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB);
                    INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('{table}', 'features', '{table}', {srsId});
                    INSERT INTO gpkg_geometry_columns VALUES ('{table}', 'geom', 'MULTIPOLYGON', {srsId}, 0, 0);
                    """);
                using (var srs = connection.CreateCommand())
                {
                    srs.CommandText = "INSERT INTO gpkg_spatial_ref_sys VALUES ('test', $id, 'EPSG', $id, $definition, NULL)";
                    srs.Parameters.AddWithValue("$id", srsId);
                    srs.Parameters.AddWithValue("$definition", definition);
                    srs.ExecuteNonQuery();
                }
                var writer = new GeoPackageGeoWriter();
                foreach (var geometry in geometries)
                {
                    geometry.SRID = srsId;
                    using var insert = connection.CreateCommand();
                    insert.CommandText = $"INSERT INTO \"{table}\" (geom) VALUES ($geom)";
                    insert.Parameters.AddWithValue("$geom", writer.Write(geometry));
                    insert.ExecuteNonQuery();
                }
            }
            return new MemoryStream(File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
