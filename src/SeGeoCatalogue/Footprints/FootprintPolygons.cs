using System.Globalization;
using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems.Transformations;

namespace SeGeoCatalogue.Footprints;

/// <summary>Gathers the polygons of one file, counting vertices and noting anything that is not a polygon.</summary>
internal sealed class FootprintPolygons(FootprintLimits limits)
{
    static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    readonly List<Polygon> _polygons = [];
    readonly SortedDictionary<string, int> _others = new(StringComparer.Ordinal);

    public int Vertices { get; private set; }
    public bool OverLimit => Vertices > limits.MaxVertices;

    public void Add(Geometry? geometry)
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

        var bounds = new Envelope();
        var finite = true;
        var polygons = new Polygon[_polygons.Count];
        for (var i = 0; i < polygons.Length; i++) polygons[i] = ToWgs84(_polygons[i], crs.ToWgs84, bounds, ref finite);
        if (!finite || !(bounds.MinX >= -180 && bounds.MaxX <= 180 && bounds.MinY >= -90 && bounds.MaxY <= 90))
            return FootprintReadResult.Fail(OutOfRange(crs, bounds, finite), crs.Name, layer);
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

    static Polygon ToWgs84(Polygon polygon, MathTransform? transform, Envelope bounds, ref bool finite)
    {
        var shell = Ring(polygon.ExteriorRing, transform, bounds, ref finite);
        var holes = new LinearRing[polygon.NumInteriorRings];
        for (var i = 0; i < holes.Length; i++) holes[i] = Ring(polygon.GetInteriorRingN(i), transform, bounds, ref finite);
        return Wgs84.CreatePolygon(shell, holes);
    }

    static LinearRing Ring(LineString ring, MathTransform? transform, Envelope bounds, ref bool finite)
    {
        var source = ring.CoordinateSequence;
        var coordinates = new Coordinate[source.Count];
        for (var i = 0; i < coordinates.Length; i++)
        {
            double x = source.GetX(i), y = source.GetY(i);
            if (transform is not null) (x, y) = transform.Transform(x, y);
            coordinates[i] = new Coordinate(x, y);
            if (double.IsFinite(x) && double.IsFinite(y)) bounds.ExpandToInclude(x, y);
            else finite = false;
        }
        return Wgs84.CreateLinearRing(coordinates);
    }
}
