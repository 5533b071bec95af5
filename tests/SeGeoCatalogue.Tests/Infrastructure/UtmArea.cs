using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace SeGeoCatalogue.Tests.Infrastructure;

/// <summary>Planar area in WGS 84 / UTM zone 47N through ProjNet: an independent check of PostGIS's ellipsoidal area.</summary>
public sealed class UtmArea
{
    readonly MathTransform _toUtm = new CoordinateTransformationFactory().CreateFromCoordinateSystems(
        GeographicCoordinateSystem.WGS84, ProjectedCoordinateSystem.WGS84_UTM(47, zoneIsNorth: true)).MathTransform;

    public double SquareKilometres(Geometry lonLat) => ToUtm(lonLat).Area / 1e6;

    /// <summary>A copy in UTM 47N metres, as MIMU publishes some of its layers.</summary>
    public Geometry ToUtm(Geometry lonLat)
    {
        var projected = lonLat.Copy();
        projected.Apply(new ProjectEach(_toUtm));
        return projected;
    }

    /// <summary>UTM 47N as ESRI software writes it in a .prj (how MIMU's projected layers come).</summary>
    public const string EsriWkt =
        "PROJCS[\"WGS_1984_UTM_Zone_47N\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]]," +
        "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"False_Easting\",500000.0]," +
        "PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",99.0],PARAMETER[\"Scale_Factor\",0.9996]," +
        "PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]";

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
