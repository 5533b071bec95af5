using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace SeGeoCatalogue.Tests.Infrastructure;

/// <summary>Planar area in WGS 84 / UTM zone 47N through ProjNet: an independent check of PostGIS's ellipsoidal area.</summary>
public sealed class UtmArea
{
    readonly MathTransform _toUtm = new CoordinateTransformationFactory().CreateFromCoordinateSystems(
        GeographicCoordinateSystem.WGS84, ProjectedCoordinateSystem.WGS84_UTM(47, zoneIsNorth: true)).MathTransform;

    public double SquareKilometres(Geometry lonLat)
    {
        var projected = lonLat.Copy();
        projected.Apply(new ProjectEach(_toUtm));
        return projected.Area / 1e6;
    }

    sealed class ProjectEach(MathTransform transform) : ICoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;
        public void Filter(CoordinateSequence seq, int i)
        {
            var (x, y) = transform.Transform(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, x);
            seq.SetY(i, y);
        }
    }
}
