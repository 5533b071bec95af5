using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace SeGeoCatalogue.Footprints;

/// <summary>Reads a GeoJSON Geometry, Feature or FeatureCollection (RFC 7946: WGS 84 lon/lat).</summary>
internal static class GeoJsonFootprint
{
    static readonly JsonSerializerOptions Options = new() { Converters = { new GeoJsonConverterFactory() } };
    static readonly HashSet<string> GeometryTypes =
        ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"];
    const int MaxProblems = 10;

    public static FootprintReadResult Read(Stream content, FootprintLimits limits)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            return FootprintReadResult.Fail(FootprintProblem.File(
                $"the file is not valid JSON: {Reason(e)} (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}). " +
                "Fix it there, or export the footprint again as GeoJSON."));
        }

        using (document)
        {
            var root = document.RootElement;
            var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
                ? t.GetString()! : null;
            if (DeclaredCrs(root) is { } crs)
                return FootprintReadResult.Fail(FootprintProblem.File(
                    $"the GeoJSON declares the coordinate system \"{FootprintCrs.Snip(crs)}\"; GeoJSON footprints must be WGS 84 longitude, latitude " +
                    "(RFC 7946). Export it again as GeoJSON in EPSG:4326, or upload it as a zipped Shapefile or GeoPackage."));

            var polygons = new FootprintPolygons(limits);
            var problems = new List<FootprintProblem>();
            switch (type)
            {
                case "FeatureCollection":
                    if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
                        return FootprintReadResult.Fail(FootprintProblem.File("the FeatureCollection has no \"features\" array."));
                    var n = 0;
                    foreach (var feature in features.EnumerateArray())
                    {
                        n++;
                        AddFeature(feature, $"feature {n}", polygons, problems);
                        if (polygons.OverLimit || problems.Count >= MaxProblems) break;
                    }
                    break;
                case "Feature":
                    AddFeature(root, "the feature", polygons, problems);
                    break;
                case not null when GeometryTypes.Contains(type):
                    AddGeometry(root, "the geometry", polygons, problems);
                    break;
                default:
                    return FootprintReadResult.Fail(FootprintProblem.File(
                        $"the JSON is not GeoJSON: its \"type\" is {(type is null ? "missing" : $"\"{type}\"")}, where a Geometry, Feature or " +
                        "FeatureCollection was expected. Export the footprint as GeoJSON from your GIS."));
            }

            if (polygons.OverLimit) return FootprintReadResult.Fail(polygons.TooManyVertices(), FootprintCrs.Wgs84.Name);
            if (problems.Count > 0) return FootprintReadResult.Fail(problems, FootprintCrs.Wgs84.Name);
            return polygons.Finish(FootprintCrs.Wgs84);
        }
    }

    static void AddFeature(JsonElement feature, string where, FootprintPolygons polygons, List<FootprintProblem> problems)
    {
        if (feature.ValueKind != JsonValueKind.Object || !feature.TryGetProperty("geometry", out var geometry))
        {
            problems.Add(FootprintProblem.File($"{where} is not a GeoJSON Feature (it has no \"geometry\")."));
            return;
        }
        if (geometry.ValueKind != JsonValueKind.Null) AddGeometry(geometry, where, polygons, problems);
    }

    static void AddGeometry(JsonElement element, string where, FootprintPolygons polygons, List<FootprintProblem> problems)
    {
        try
        {
            polygons.AddRow(element.Deserialize<Geometry>(Options));
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            // NTS reports unclosed rings and malformed coordinates with these.
            problems.Add(FootprintProblem.Footprint(
                $"{where}: the geometry cannot be read ({e.Message.TrimEnd('.')}). Check that every ring is closed (its last position repeats the first)."));
        }
    }

    /// <summary>The pre-RFC 7946 "crs" member, when it names anything but WGS 84 lon/lat.</summary>
    static string? DeclaredCrs(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("crs", out var crs) || crs.ValueKind != JsonValueKind.Object
            || !crs.TryGetProperty("properties", out var props) || props.ValueKind != JsonValueKind.Object
            || !props.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
            return null;
        var text = name.GetString()!;
        string[] lonLat = ["urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326"];
        return lonLat.Contains(text, StringComparer.OrdinalIgnoreCase) ? null : text;
    }

    static string Reason(JsonException e)
    {
        var message = e.Message;
        foreach (var cut in new[] { " Path:", " LineNumber:" })
            if (message.IndexOf(cut, StringComparison.Ordinal) is var i and > 0) message = message[..i];
        return message.Trim().TrimEnd('.', '|').Trim();
    }
}
