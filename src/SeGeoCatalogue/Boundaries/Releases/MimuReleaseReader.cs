using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Readers;
using ProjNet.CoordinateSystems.Transformations;
using SeGeoCatalogue.Footprints;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Boundaries.Releases;

/// <summary>What reading a release found: its layers, the field mapping used, names not in Unicode, and problems.</summary>
public sealed class ReleaseReadReport
{
    public List<ReleaseLayer> Layers { get; } = [];
    /// <summary>"layer, feature n (pcode), field: Zawgyi" — such names are not stored.</summary>
    public List<string> LegacyNames { get; } = [];
    public List<string> Problems { get; } = [];
    /// <summary>The states whose townships the release has (after the chosen-states filter).</summary>
    public SortedSet<string> States { get; } = new(StringComparer.Ordinal);
}

public sealed record ReleaseLayer(string Name, string Level, string Crs, int Features, int Kept, IReadOnlyDictionary<string, string> Mapping);

/// <summary>
/// Reads a MIMU / COD-AB boundary release as published — a .zip of Shapefiles or a GeoPackage, any CRS with a .prj
/// (or an SRS definition), MIMU's field names — and writes its township and village-tract layers, for the chosen
/// states, as the catalogue's own boundary files (boundaries/README.md) into a folder the importer reads.
/// </summary>
public static class MimuReleaseReader
{
    public static ReleaseReadReport Read(string releasePath, IReadOnlySet<string>? states, string outputDirectory)
    {
        var report = new ReleaseReadReport();
        var layers = releasePath.EndsWith(".gpkg", StringComparison.OrdinalIgnoreCase)
            ? ReadGeoPackage(releasePath, report)
            : ReadZippedShapefiles(releasePath, report);
        var townships = layers.FirstOrDefault(l => l.Level == AdminLevel.Township);
        var tracts = layers.FirstOrDefault(l => l.Level == AdminLevel.VillageTract);
        if (townships is null)
            report.Problems.Add("The release has no township layer (a layer with TS_PCODE and no VT_PCODE); the catalogue needs townships to place village tracts.");
        if (report.Problems.Count > 0) return report;

        Write(townships!, "townships.geojson", states, report, outputDirectory);
        if (tracts is not null) Write(tracts, "village_tracts.geojson", states, report, outputDirectory);
        return report;
    }

    sealed record Layer(string Name, AdminLevel Level, string Crs, List<IFeature> Features, Dictionary<string, string> Mapping);

    static Layer? Classify(string name, IReadOnlyList<IFeature> features, string crs, MathTransform? toWgs84, ReleaseReadReport report)
    {
        var mapping = MimuFields.Map(features.Count > 0 ? features[0].Attributes.GetNames() : []);
        var level = mapping.ContainsKey("vt_pcode") ? AdminLevel.VillageTract : mapping.ContainsKey("ts_pcode") ? AdminLevel.Township : (AdminLevel?)null;
        if (level is null)
        {
            report.Layers.Add(new(name, "skipped (no TS_PCODE or VT_PCODE; states and districts are dissolved from townships)", crs, features.Count, 0, mapping));
            return null;
        }
        if (toWgs84 is not null)
            foreach (var f in features) f.Geometry.Apply(new Reproject(toWgs84));
        return new Layer(name, level.Value, crs, [.. features], mapping);
    }

    static void Write(Layer layer, string fileName, IReadOnlySet<string>? states, ReleaseReadReport report, string outputDirectory)
    {
        var output = new FeatureCollection();
        var number = 0;
        foreach (var feature in layer.Features)
        {
            number++;
            string? Get(string field) => layer.Mapping.TryGetValue(field, out var name) && feature.Attributes[name] is { } v
                && v.ToString()!.Trim() is { Length: > 0 } s ? s : null;
            var pcode = Get(layer.Level == AdminLevel.Township ? "ts_pcode" : "vt_pcode");
            var state = Get("st_pcode") ?? pcode?[..Math.Min(6, pcode.Length)];
            if (states is not null && (state is null || !states.Contains(state))) continue;

            string? Myanmar(string field)
            {
                var text = Get(field);
                if (text is null || LegacyMyanmarFont.Detect(text) is not { } font) return text;
                report.LegacyNames.Add($"{layer.Name}, feature {number} ({pcode}), {layer.Mapping[field]}: {font}, not Unicode; not stored");
                return null;
            }
            var attributes = new AttributesTable
            {
                { "st_pcode", state }, { "st_name_en", Get("st_name_en") }, { "st_name_my", Myanmar("st_name_my") },
                { "dt_pcode", Get("dt_pcode") }, { "dt_name_en", Get("dt_name_en") }, { "dt_name_my", Myanmar("dt_name_my") },
            };
            if (layer.Level == AdminLevel.Township)
            {
                if (state is not null) report.States.Add(state);
                attributes.Add("ts_pcode", pcode);
                attributes.Add("ts_name_en", Get("ts_name_en"));
                attributes.Add("ts_name_my", Myanmar("ts_name_my"));
            }
            else
            {
                attributes.Add("vt_pcode", pcode);
                attributes.Add("vt_name_en", Get("vt_name_en"));
                attributes.Add("vt_name_my", Myanmar("vt_name_my"));
                attributes.Add("ts_pcode", Get("ts_pcode") ?? pcode?[..Math.Min(9, pcode.Length)]);
                attributes.Add("unit_type", UnitType(pcode));
            }
            output.Add(new Feature(feature.Geometry, attributes));
        }
        report.Layers.Add(new(layer.Name, layer.Level.ApiName(), layer.Crs, layer.Features.Count, output.Count, layer.Mapping));
        File.WriteAllText(Path.Combine(outputDirectory, fileName), JsonSerializer.Serialize(output, JsonConventions.Options), new UTF8Encoding(false));
    }

    /// <summary>MIMU numbers a township's towns 7xx and its unlisted areas 8xx/9xx within the village-tract layer.</summary>
    static string? UnitType(string? pcode) => pcode is { Length: >= 12 } p
        ? p[9] switch { '7' => "town", '8' or '9' => "unlisted_area", _ => "village_tract" }
        : null;

    static List<Layer> ReadZippedShapefiles(string path, ReleaseReadReport report)
    {
        var layers = new List<Layer>();
        var dir = Directory.CreateTempSubdirectory("segeo-release-");
        try
        {
            using (var zip = ZipFile.OpenRead(path)) zip.ExtractToDirectory(dir.FullName);
            foreach (var shp in Directory.EnumerateFiles(dir.FullName, "*.shp", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(shp);
                var prj = Path.ChangeExtension(shp, ".prj");
                FootprintCrs? crs = FootprintCrs.Wgs84;
                if (File.Exists(prj))
                {
                    crs = FootprintCrs.FromWkt(File.ReadAllText(prj), Path.GetFileName(prj), out var problem);
                    if (crs is null) { report.Problems.Add($"{name}: {problem!.Message}"); continue; }
                }
                var cpg = Path.ChangeExtension(shp, ".cpg");
                var encoding = File.Exists(cpg) && File.ReadAllText(cpg).Trim().ToUpperInvariant() is not ("UTF-8" or "UTF8" or "65001")
                    ? Encoding.Latin1 : Encoding.UTF8;
                var features = Shapefile.ReadAllFeatures(shp, new ShapefileReaderOptions { Encoding = encoding }).Cast<IFeature>().ToList();
                if (Classify(name, features, crs.Name, crs.ToWgs84, report) is { } layer) layers.Add(layer);
            }
            if (layers.Count == 0 && report.Problems.Count == 0)
                report.Problems.Add("The .zip holds no Shapefile with MIMU pcodes (TS_PCODE or VT_PCODE).");
        }
        catch (InvalidDataException e)
        {
            report.Problems.Add($"The release cannot be opened as a .zip of Shapefiles ({e.Message.TrimEnd('.')}).");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
        return layers;
    }

    static List<Layer> ReadGeoPackage(string path, ReleaseReadReport report)
    {
        var layers = new List<Layer>();
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        db.Open();
        var tables = new List<(string Table, string Column, string? Wkt)>();
        using (var cmd = db.CreateCommand())
        {
            // Only real tables, named in gpkg_geometry_columns.
            cmd.CommandText = """
                SELECT g.table_name, g.column_name, s.definition FROM gpkg_geometry_columns g
                JOIN sqlite_master m ON m.name = g.table_name AND m.type = 'table'
                LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id ORDER BY g.table_name
                """;
            using var rows = cmd.ExecuteReader();
            while (rows.Read()) tables.Add((rows.GetString(0), rows.GetString(1), rows.IsDBNull(2) ? null : rows.GetString(2)));
        }
        var reader = new GeoPackageGeoReader();
        foreach (var (table, column, wkt) in tables)
        {
            var crs = wkt is null or "undefined" ? FootprintCrs.Wgs84 : FootprintCrs.FromWkt(wkt, $"{table} SRS", out var problem);
            if (crs is null) { report.Problems.Add($"{table}: the SRS cannot be read."); continue; }
            var features = new List<IFeature>();
            using var cmd = db.CreateCommand();
            cmd.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"")}\"";
            using var rows = cmd.ExecuteReader();
            while (rows.Read())
            {
                var attributes = new AttributesTable();
                Geometry? geometry = null;
                for (var i = 0; i < rows.FieldCount; i++)
                {
                    if (rows.GetName(i) == column) geometry = rows.IsDBNull(i) ? null : reader.Read((byte[])rows.GetValue(i));
                    else attributes.Add(rows.GetName(i), rows.IsDBNull(i) ? null : rows.GetValue(i));
                }
                if (geometry is not null) features.Add(new Feature(geometry, attributes));
            }
            if (Classify(table, features, crs.Name, crs.ToWgs84, report) is { } layer) layers.Add(layer);
        }
        return layers;
    }

    sealed class Reproject(MathTransform transform) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var (lon, lat) = transform.Transform(seq.GetX(i), seq.GetY(i));
                seq.SetX(i, lon);
                seq.SetY(i, lat);
            }
        }
    }
}
