using System.Globalization;
using NetTopologySuite.Geometries;

namespace SeGeoCatalogue.Footprints;

/// <summary>Gathers the polygons of one file, counting vertices and noting anything that is not a polygon.</summary>
internal sealed class FootprintPolygons(FootprintLimits limits)
{
    static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    readonly List<Polygon> _polygons = [];
    readonly SortedDictionary<string, int> _others = new(StringComparer.Ordinal);

    public int Vertices { get; private set; }
    /// <summary>Features read, empty and NULL ones included: a file of endless NULL rows must stop too.</summary>
    public int Rows { get; private set; }
    public bool OverLimit => Vertices > limits.MaxVertices || Rows > limits.MaxRows;

    /// <summary>One feature of the file (its geometry may be null).</summary>
    public void AddRow(Geometry? geometry)
    {
        Rows++;
        Add(geometry);
    }

    void Add(Geometry? geometry)
    {
        switch (geometry)
        {
            case null:
                return;
            case Polygon polygon:
                if (polygon.IsEmpty) return;
                _polygons.Add(polygon);
                Vertices += polygon.NumPoints;
                return;
            case MultiPolygon or { OgcGeometryType: OgcGeometryType.GeometryCollection }:
                for (var i = 0; i < geometry.NumGeometries; i++) Add(geometry.GetGeometryN(i));
                return;
            default:
                _others[geometry.GeometryType] = _others.GetValueOrDefault(geometry.GeometryType) + 1;
                return;
        }
    }

    /// <summary>Brings the polygons to WGS 84 lon/lat as one 2D MultiPolygon, or says why they cannot be a footprint.</summary>
    public FootprintReadResult Finish(FootprintCrs crs, string? layer = null)
    {
        if (Rows > limits.MaxRows)
            return FootprintReadResult.Fail(FootprintProblem.TooLarge("file", string.Create(CultureInfo.InvariantCulture,
                $"the layer has more than {limits.MaxRows:N0} features. Dissolve the footprint into one or a few polygons and upload that.")), crs.Name, layer);
        if (OverLimit)
            return FootprintReadResult.Fail(TooManyVertices(), crs.Name, layer);
        if (_others.Count > 0)
        {
            var found = string.Join(", ", _others.Select(o => $"{o.Value} {o.Key}"));
            return FootprintReadResult.Fail(FootprintProblem.Footprint(
                $"the file holds {found} where a footprint needs Polygon or MultiPolygon areas. " +
                "Turn them into polygons in your GIS (close lines into rings, or buffer points and lines) and export only polygons."),
                crs.Name, layer);
        }
        if (_polygons.Count == 0)
            return FootprintReadResult.Fail(FootprintProblem.Footprint(
                "the file holds no polygons (it is empty, or all its geometries are empty). Export the footprint polygon and upload it again."),
                crs.Name, layer);

        var conversion = new Conversion(crs);
        var polygons = _polygons.Select(conversion.ToWgs84).ToArray();
        if (conversion.NotConvertible is { } point)
            return FootprintReadResult.Fail(FootprintProblem.Footprint(string.Create(CultureInfo.InvariantCulture,
                $"the point {point.X:0.###} {point.Y:0.###} lies outside where {crs.Name} is defined (it does not convert to WGS 84 and back). ") +
                "Check that the coordinate system (.prj) really is the one the data was made in."), crs.Name, layer);
        var b = conversion.Bounds;
        if (!conversion.Finite || !(b.MinX >= -180 && b.MaxX <= 180 && b.MinY >= -90 && b.MaxY <= 90))
            return FootprintReadResult.Fail(OutOfRange(crs, b, conversion.Finite), crs.Name, layer);
        return new FootprintReadResult(Wgs84.CreateMultiPolygon(polygons), [], crs.Name, layer);
    }

    public FootprintProblem TooManyVertices() => FootprintProblem.TooLarge("footprint", string.Create(CultureInfo.InvariantCulture,
        $"the footprint has more than {limits.MaxVertices:N0} vertices (at least {Vertices:N0}). ") +
        "Simplify it in your GIS (a tolerance of about 10 m is plenty for a footprint) and upload it again.");

    static FootprintProblem OutOfRange(FootprintCrs crs, Envelope b, bool finite)
    {
        var found = string.Create(CultureInfo.InvariantCulture,
            $"x from {b.MinX:0.######} to {b.MaxX:0.######}, y from {b.MinY:0.######} to {b.MaxY:0.######}{(finite ? "" : ", and some not numbers at all")}");
        return FootprintProblem.Footprint(crs.ToWgs84 is null
            ? $"coordinates fall outside longitude -180..180 / latitude -90..90 ({found}). Are longitude and latitude swapped, " +
              "or is the file in projected coordinates (metres) without saying so? A footprint needs WGS 84 longitude, latitude."
            : $"after converting from {crs.Name}, coordinates fall outside longitude -180..180 / latitude -90..90 ({found}). " +
              "Check that the coordinate system (.prj) really is the one the data was made in.");
    }

    /// <summary>Converts polygons to 2D WGS 84, noting the bounds reached and the first point that does not convert.</summary>
    sealed class Conversion(FootprintCrs crs)
    {
        public Envelope Bounds { get; } = new();
        public bool Finite { get; private set; } = true;
        public Coordinate? NotConvertible { get; private set; }

        public Polygon ToWgs84(Polygon polygon)
        {
            var shell = Ring(polygon.ExteriorRing);
            var holes = new LinearRing[polygon.NumInteriorRings];
            for (var i = 0; i < holes.Length; i++) holes[i] = Ring(polygon.GetInteriorRingN(i));
            return Wgs84.CreatePolygon(shell, holes);
        }

        LinearRing Ring(LineString ring)
        {
            var source = ring.CoordinateSequence;
            var coordinates = new Coordinate[source.Count];
            for (var i = 0; i < coordinates.Length; i++)
            {
                double x = source.GetX(i), y = source.GetY(i);
                var (lon, lat) = crs.ToWgs84 is { } transform ? transform.Transform(x, y) : (x, y);
                coordinates[i] = new Coordinate(lon, lat);
                if (double.IsFinite(lon) && double.IsFinite(lat)) Bounds.ExpandToInclude(lon, lat);
                else Finite = false;
                if (NotConvertible is null && crs.FromWgs84 is { } back && !RoundTrips(x, y, back.Transform(lon, lat)))
                    NotConvertible = new Coordinate(x, y);
            }
            return Wgs84.CreateLinearRing(coordinates);
        }

        // Within a projection's domain the round trip is good to millimetres; outside it, off by kilometres or NaN.
        static bool RoundTrips(double x, double y, (double X, double Y) back) =>
            Math.Abs(back.X - x) <= 1e-6 * Math.Max(1, Math.Abs(x)) + 1e-6 * Math.Abs(y)
            && Math.Abs(back.Y - y) <= 1e-6 * Math.Max(1, Math.Abs(y)) + 1e-6 * Math.Abs(x);
    }
}
