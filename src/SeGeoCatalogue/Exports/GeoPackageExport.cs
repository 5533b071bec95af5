using System.Globalization;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;

namespace SeGeoCatalogue.Exports;

/// <summary>
/// Writes one MultiPolygon (XY) feature table to a new GeoPackage 1.3 file that passes GDAL's validate_gpkg.py. NetTopologySuite.IO.GeoPackage only encodes
/// geometries, so the required tables (OGC 12-128r18 §1.1, §2.1) are created here with Microsoft.Data.Sqlite.
/// </summary>
public static class GeoPackageExport
{
    public static async Task WriteAsync(ExportLayer layer, NpgsqlDataReader rows, string path, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await db.OpenAsync(ct);
        await using var tx = db.BeginTransaction();
        var columns = string.Join(", ", layer.Fields.Select(f => $"\"{f.Name}\" {ColumnType(f)}"));
        await ExecuteAsync(db, $"""
            PRAGMA application_id = 1196444487;
            PRAGMA user_version = 10300;
            CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
              organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
            INSERT INTO gpkg_spatial_ref_sys VALUES
              ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
              ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
              ('WGS 84 geodetic', 4326, 'EPSG', 4326, '{ExportRows.Wgs84OgcWkt}', 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
            CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
              description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
              min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
              CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
            CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
              srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
              CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT uk_gc_table_name UNIQUE (table_name),
              CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
              CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
            CREATE TABLE "{layer.Name}" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom MULTIPOLYGON, {columns});
            """, ct);

        await using var insert = db.CreateCommand();
        insert.CommandText = $"INSERT INTO \"{layer.Name}\" VALUES (NULL, $geom{string.Concat(layer.Fields.Select((_, i) => $", $p{i}"))})";
        var geomParameter = insert.Parameters.Add("$geom", SqliteType.Blob);
        var parameters = layer.Fields.Select((_, i) => insert.Parameters.Add(new SqliteParameter { ParameterName = $"$p{i}" })).ToList();
        // XY only: PostGIS hands NetTopologySuite coordinates that may carry NaN Z and M, which GDAL reads as
        // MULTIPOLYGON ZM with NaN values and then drops.
        var writer = new GeoPackageGeoWriter { HandleOrdinates = Ordinates.XY };
        var extent = new Envelope();
        while (await rows.ReadAsync(ct))
        {
            var geometry = ExportRows.Geometry(rows, layer);
            if (geometry is not null) extent.ExpandToInclude(geometry.EnvelopeInternal);
            geomParameter.Value = geometry is null ? DBNull.Value : writer.Write(geometry);
            for (var i = 0; i < parameters.Count; i++)
                parameters[i].Value = ExportRows.Value(rows, i) switch { null => DBNull.Value, bool b => b ? 1L : 0L, var v => v };
            await insert.ExecuteNonQueryAsync(ct);
        }

        await using var contents = db.CreateCommand();
        contents.CommandText = """
            INSERT INTO gpkg_contents VALUES ($name, 'features', $name, $description, $now, $x1, $y1, $x2, $y2, 4326);
            INSERT INTO gpkg_geometry_columns VALUES ($name, 'geom', 'MULTIPOLYGON', 4326, 0, 0);
            """;
        contents.Parameters.AddWithValue("$name", layer.Name);
        contents.Parameters.AddWithValue("$description", layer.Attribution ?? "");
        contents.Parameters.AddWithValue("$now", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        contents.Parameters.AddWithValue("$x1", extent.IsNull ? DBNull.Value : extent.MinX);
        contents.Parameters.AddWithValue("$y1", extent.IsNull ? DBNull.Value : extent.MinY);
        contents.Parameters.AddWithValue("$x2", extent.IsNull ? DBNull.Value : extent.MaxX);
        contents.Parameters.AddWithValue("$y2", extent.IsNull ? DBNull.Value : extent.MaxY);
        await contents.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    static string ColumnType(ExportField field) => field.FlatType switch
    {
        ExportType.Integer => "INTEGER",
        ExportType.Double => "DOUBLE",
        ExportType.Boolean => "BOOLEAN",
        _ => "TEXT",
    };

    static async Task ExecuteAsync(SqliteConnection db, string sql, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
