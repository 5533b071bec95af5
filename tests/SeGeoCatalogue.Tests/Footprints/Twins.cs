using NetTopologySuite.Geometries;
using SeGeoCatalogue.Footprints;

namespace SeGeoCatalogue.Tests.Footprints;

/// <summary>Checks that two footprints are the same polygons to within a distance on the ground.</summary>
public static class Twins
{
    /// <summary>Every vertex of each footprint lies within <paramref name="metres"/> of a vertex of the other.</summary>
    public static void AssertSame(Geometry expected, Geometry actual, double metres)
    {
        Assert.Equal(expected.NumGeometries, actual.NumGeometries);
        Assert.Equal(expected.NumPoints, actual.NumPoints);
        foreach (var (from, to) in new[] { (expected, actual), (actual, expected) })
            foreach (var c in from.Coordinates)
            {
                var nearest = to.Coordinates.Min(d => ReferenceGeodesy.Metres(c.X, c.Y, d.X, d.Y));
                Assert.True(nearest <= metres, $"vertex {c.X:0.000000} {c.Y:0.000000} is {nearest:0.0} m from the nearest vertex of its twin (allowed {metres} m).");
            }
    }

    public static MultiPolygon Ok(FootprintReadResult result)
    {
        Assert.True(result.Problems.Count == 0, string.Join(" | ", result.Problems.Select(p => $"{p.Field}: {p.Message}")));
        var geometry = Assert.IsType<MultiPolygon>(result.Geometry);
        Assert.Equal(4326, geometry.SRID);
        return geometry;
    }

    public static FootprintProblem SingleProblem(FootprintReadResult result)
    {
        Assert.Null(result.Geometry);
        return Assert.Single(result.Problems);
    }
}
