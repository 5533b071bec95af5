using System.Globalization;
using System.Text.Json;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Footprints;

/// <summary>
/// Reads a footprint from GeoJSON by hand so that every mistake names where it is (which ring, which
/// position) instead of a parser's stack message. Validity (self-crossing rings) is PostGIS's job: see <see cref="FootprintChecks"/>.
/// </summary>
public static class FootprintGeoJson
{
    public static readonly GeometryFactory Factory = NtsGeometryServices.Instance.CreateGeometryFactory(4326);
    const string Example = """{"type":"Polygon","coordinates":[[[97.60,16.45],[97.70,16.45],[97.70,16.55],[97.60,16.45]]]}""";

    /// <summary>The footprint as a MultiPolygon, or null with the reasons added to <paramref name="errors"/>; <paramref name="vertices"/> counts every position read.</summary>
    public static MultiPolygon? Read(JsonElement json, string field, FieldErrors errors, out int vertices)
    {
        vertices = 0;
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            errors.Add(field, $"Send a GeoJSON geometry object with \"type\" and \"coordinates\", e.g. {Example}.");
            return null;
        }
        if (type.GetString() == "Feature" && json.TryGetProperty("geometry", out var inner)) return Read(inner, field, errors, out vertices);
        var kind = type.GetString();
        if (kind is not ("Polygon" or "MultiPolygon"))
        {
            errors.Add(field, $"A footprint must be a Polygon or MultiPolygon, not a {kind}: draw or upload an area.");
            return null;
        }
        if (!json.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
        {
            errors.Add(field, $"The {kind} has no \"coordinates\" array; e.g. {Example}.");
            return null;
        }
        var reader = new Reader(field, errors);
        var polygons = kind == "Polygon"
            ? [reader.Polygon(coordinates, "coordinates")]
            : coordinates.EnumerateArray().Select((p, i) => reader.Polygon(p, $"coordinates[{i}]")).ToList();
        vertices = reader.Vertices;
        if (polygons.Count == 0) errors.Add(field, "The MultiPolygon has no polygons.");
        return reader.Failed || polygons.Count == 0 ? null : Factory.CreateMultiPolygon(polygons.ToArray()!);
    }

    sealed class Reader(string field, FieldErrors errors)
    {
        public int Vertices;
        public bool Failed;

        void Fail(string message)
        {
            // One message per kind of mistake is enough to act on; a 50,000-vertex outline must not yield 50,000.
            if (!Failed) errors.Add(field, message);
            Failed = true;
        }

        public Polygon? Polygon(JsonElement rings, string at)
        {
            if (rings.ValueKind != JsonValueKind.Array || rings.GetArrayLength() == 0)
            {
                Fail($"{at} must be an array of rings (the outer ring first, then holes), each an array of [lon, lat] positions.");
                return null;
            }
            var linear = rings.EnumerateArray().Select((r, i) => Ring(r, $"{at}[{i}]")).ToList();
            if (Failed) return null;
            return Factory.CreatePolygon(linear[0]!, linear.Skip(1).ToArray()!);
        }

        LinearRing? Ring(JsonElement ring, string at)
        {
            if (ring.ValueKind != JsonValueKind.Array)
            {
                Fail($"{at} must be an array of [lon, lat] positions.");
                return null;
            }
            var coordinates = new List<Coordinate>(ring.GetArrayLength());
            var i = 0;
            foreach (var position in ring.EnumerateArray())
            {
                Vertices++;
                if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2
                    || position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number)
                {
                    Fail($"{at}[{i}] must be a position [lon, lat] of two numbers.");
                    return null;
                }
                double lon = position[0].GetDouble(), lat = position[1].GetDouble();
                if (Math.Abs(lon) > 180 || Math.Abs(lat) > 90)
                {
                    Fail(string.Create(CultureInfo.InvariantCulture,
                        $"{at}[{i}] = [{lon}, {lat}] is out of range: GeoJSON positions are [lon, lat] in degrees, lon in -180..180 and lat in -90..90 (are they swapped, or in metres?)."));
                    return null;
                }
                coordinates.Add(new Coordinate(lon, lat));
                i++;
            }
            if (coordinates.Count < 4)
            {
                Fail($"{at} has {coordinates.Count} positions; a ring needs at least 4 (3 corners and the first repeated at the end).");
                return null;
            }
            if (!coordinates[0].Equals2D(coordinates[^1]))
            {
                Fail($"{at} is not closed: repeat its first position [{coordinates[0].X.ToString(CultureInfo.InvariantCulture)}, {coordinates[0].Y.ToString(CultureInfo.InvariantCulture)}] at the end.");
                return null;
            }
            return Factory.CreateLinearRing(coordinates.ToArray());
        }
    }
}
