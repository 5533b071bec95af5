using Microsoft.Data.Sqlite;
using NetTopologySuite.IO;
using SQLitePCL;

namespace SeGeoCatalogue.Footprints;

/// <summary>
/// Reads the first polygon layer of a GeoPackage and brings it to WGS 84 using the layer's spatial reference system.
/// The file comes from anyone: only real tables are read (a view can recurse forever), rows and layers are capped,
/// and the cancellation token interrupts SQLite wherever it is.
/// </summary>
internal static class GeoPackageFootprint
{
    static readonly string[] MetadataTables = ["gpkg_contents", "gpkg_geometry_columns", "gpkg_spatial_ref_sys"];

    static readonly string[] PolygonLayerTypes = ["POLYGON", "MULTIPOLYGON", "GEOMETRY"];

    sealed record Layer(string Table, string Column, string GeometryType, int SrsId, string? Organization, long? Code, string? Definition);

    public static FootprintReadResult Read(Stream content, FootprintLimits limits, CancellationToken ct)
    {
        // SQLite reads files, not streams.
        var path = Path.Combine(limits.TempDirectory ?? Path.GetTempPath(), $"footprint-{Guid.NewGuid():N}.gpkg");
        try
        {
            using (var file = File.Create(path))
                if (!CopyAtMost(content, file, limits.MaxUncompressedBytes))
                    return FootprintReadResult.Fail(FootprintProblem.TooLarge("file",
                        $"the GeoPackage is larger than {limits.MaxUncompressedBytes / (1024 * 1024)} MB. Save only the footprint layer in a new GeoPackage and upload that."));

            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            // No value (a geometry blob, a text) may be larger than the file could hold.
            raw.sqlite3_limit(connection.Handle, raw.SQLITE_LIMIT_LENGTH, (int)Math.Min(limits.MaxUncompressedBytes, int.MaxValue));
            using var interrupt = ct.Register(() => raw.sqlite3_interrupt(connection.Handle));
            return Read(connection, limits, ct);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == raw.SQLITE_INTERRUPT)
        {
            throw new OperationCanceledException("Reading the GeoPackage was interrupted.", e, ct);
        }
        catch (SqliteException e)
        {
            return FootprintReadResult.Fail(FootprintProblem.File(
                $"the file is not a readable GeoPackage ({e.Message.TrimEnd('.')}). Save the footprint as a GeoPackage (.gpkg) from your GIS and upload it again."));
        }
        finally
        {
            File.Delete(path);
        }
    }

    static FootprintReadResult Read(SqliteConnection connection, FootprintLimits limits, CancellationToken ct)
    {
        var fake = Tables(connection, MetadataTables).Count < MetadataTables.Length;
        if (fake)
            return FootprintReadResult.Fail(FootprintProblem.File(
                $"the file is not a GeoPackage: {string.Join(", ", MetadataTables)} must be tables (not views). Save the footprint as a GeoPackage from your GIS and upload it again."));
        var layers = Layers(connection, limits.MaxLayers + 1);
        if (layers.Count > limits.MaxLayers)
            return FootprintReadResult.Fail(FootprintProblem.TooLarge("file",
                $"the GeoPackage lists more than {limits.MaxLayers} feature layers. Save only the footprint layer in a new GeoPackage and upload that."));
        var views = layers.Select(l => l.Table).Except(Tables(connection, layers.Select(l => l.Table).ToArray())).ToList();
        if (views.Count > 0)
            return FootprintReadResult.Fail(FootprintProblem.File(
                $"the layer {views[0]} is not a table (a view, or missing). Save the layer as a table (e.g. export it to a new GeoPackage) and upload that."));
        var layer = layers.FirstOrDefault(l => PolygonLayerTypes.Contains(l.GeometryType, StringComparer.OrdinalIgnoreCase));
        if (layer is null)
            return FootprintReadResult.Fail(FootprintProblem.Footprint(layers.Count == 0
                ? "the GeoPackage has no feature layers. Save the footprint polygons in it and upload it again."
                : $"the GeoPackage has no polygon layer ({string.Join("; ", layers.Select(l => $"{l.Table} has {l.GeometryType}"))}). " +
                  "A footprint needs a Polygon layer: export the area as polygons (or buffer the lines or points) and upload that."));

        var crs = Crs(layer, out var problem);
        if (crs is null) return FootprintReadResult.Fail(problem!, null, layer.Table);

        var polygons = new FootprintPolygons(limits);
        var reader = new GeoPackageGeoReader();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Quote(layer.Column)} FROM {Quote(layer.Table)}";
        using var rows = command.ExecuteReader();
        var row = 0;
        while (rows.Read() && !polygons.OverLimit)
        {
            ct.ThrowIfCancellationRequested();
            row++;
            if (rows.IsDBNull(0))
            {
                polygons.AddRow(null);
                continue;
            }
            try
            {
                polygons.AddRow(reader.Read((byte[])rows.GetValue(0)));
            }
            catch (Exception e) when (e is ParseException or ArgumentException or InvalidCastException or IndexOutOfRangeException or NotSupportedException)
            {
                return FootprintReadResult.Fail(FootprintProblem.File(
                    $"row {row} of layer {layer.Table} has a geometry that cannot be read ({e.Message.TrimEnd('.')}). Save the layer again and upload it."),
                    crs.Name, layer.Table);
            }
        }
        return polygons.Finish(crs, layer.Table);
    }

    /// <summary>Which of <paramref name="names"/> are real tables (not views, not virtual tables).</summary>
    static List<string> Tables(SqliteConnection connection, string[] names)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name IN (SELECT value FROM json_each($names))";
        command.Parameters.AddWithValue("$names", System.Text.Json.JsonSerializer.Serialize(names));
        using var rows = command.ExecuteReader();
        var tables = new List<string>();
        while (rows.Read()) tables.Add(rows.GetString(0));
        return tables;
    }

    static List<Layer> Layers(SqliteConnection connection, int atMost)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT g.table_name, g.column_name, g.geometry_type_name, g.srs_id, s.organization, s.organization_coordsys_id, s.definition
            FROM gpkg_contents c
            JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
            LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id
            WHERE c.data_type = 'features'
            ORDER BY g.table_name
            LIMIT $atMost
            """;
        command.Parameters.AddWithValue("$atMost", atMost);
        using var rows = command.ExecuteReader();
        var layers = new List<Layer>();
        while (rows.Read())
            layers.Add(new Layer(rows.GetString(0), rows.GetString(1), rows.GetString(2), rows.GetInt32(3),
                rows.IsDBNull(4) ? null : rows.GetString(4), rows.IsDBNull(5) ? null : rows.GetInt64(5), rows.IsDBNull(6) ? null : rows.GetString(6)));
        return layers;
    }

    static FootprintCrs? Crs(Layer layer, out FootprintProblem? problem)
    {
        problem = null;
        var isEpsg = string.Equals(layer.Organization, "EPSG", StringComparison.OrdinalIgnoreCase);
        if (isEpsg && layer.Code == 4326) return FootprintCrs.Wgs84;
        // srs_id -1 and 0 are the GeoPackage's "undefined Cartesian" and "undefined geographic" systems.
        if (layer.SrsId is -1 or 0 || layer.Definition is null || layer.Definition.Trim().Equals("undefined", StringComparison.OrdinalIgnoreCase))
        {
            problem = FootprintProblem.File(
                $"the layer {layer.Table} has no defined coordinate system (srs_id {layer.SrsId}). Assign the layer's real coordinate system in your GIS, or export it as WGS 84 (EPSG:4326).");
            return null;
        }
        var where = $"the GeoPackage layer {layer.Table} (srs {layer.Organization}:{layer.Code})";
        return FootprintCrs.FromWkt(layer.Definition, where, out problem);
    }

    static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    static bool CopyAtMost(Stream source, Stream target, long maxBytes)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            total += read;
            if (total > maxBytes) return false;
            target.Write(buffer, 0, read);
        }
        return true;
    }
}
