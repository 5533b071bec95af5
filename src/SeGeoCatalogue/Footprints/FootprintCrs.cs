using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;
using ProjNet.IO.CoordinateSystems;

namespace SeGeoCatalogue.Footprints;

/// <summary>The coordinate system a file is in, and how to bring its coordinates to WGS 84 lon/lat (null: they already are).</summary>
internal sealed record FootprintCrs(string Name, MathTransform? ToWgs84)
{
    /// <summary>The way back, to catch coordinates outside the projection's domain: those do not survive the round trip.</summary>
    public MathTransform? FromWgs84 { get; } = ToWgs84?.Inverse();

    public static FootprintCrs Wgs84 { get; } = new("WGS 84 (EPSG:4326)", null);

    /// <summary>
    /// Datums that files often name without a TOWGS84 clause (ESRI .prj files never have one), with the EPSG
    /// shift to WGS 84. Keys are the datum name lower-cased with everything but letters and digits removed.
    /// </summary>
    static readonly Dictionary<string, Wgs84ConversionInfo> KnownDatums = new(StringComparer.Ordinal)
    {
        ["wgs1984"] = new(),
        ["wgs84"] = new(),
        ["worldgeodeticsystem1984"] = new(),
        // EPSG:1153 "Indian 1954 to WGS 84 (3)", the 3-parameter shift for Myanmar and Thailand, good to about 3 m.
        ["indian1954"] = new(217, 823, 299, 0, 0, 0, 0),
    };

    /// <summary>Reads an OGC/ESRI WKT coordinate system; <paramref name="where"/> names its source in messages (e.g. "area.prj").</summary>
    public static FootprintCrs? FromWkt(string wkt, string where, out FootprintProblem? problem)
    {
        problem = null;
        wkt = wkt.Trim().TrimStart('\uFEFF');
        CoordinateSystem? cs;
        try
        {
            cs = CoordinateSystemWktReader.Parse(wkt) as CoordinateSystem;
        }
        catch (Exception e)
        {
            // The text comes from the user, and ProjNet signals bad text with assorted exception types.
            problem = FootprintProblem.File(
                $"the coordinate system in {where} could not be read ({Reason(e)}); it says \"{Snip(wkt)}\". " +
                "Export the data as WGS 84 (EPSG:4326), or include the .prj that came with it.");
            return null;
        }

        var gcs = cs switch
        {
            ProjectedCoordinateSystem p => p.GeographicCoordinateSystem,
            GeographicCoordinateSystem g => g,
            _ => null,
        };
        if (cs is null || gcs is null)
        {
            problem = FootprintProblem.File(
                $"the coordinate system in {where} is not a geographic or projected one: \"{Snip(wkt)}\". " +
                "Export the data as WGS 84 (EPSG:4326) and upload it again.");
            return null;
        }

        var name = cs.AuthorityCode > 0 ? $"{cs.Name} ({cs.Authority}:{cs.AuthorityCode})" : cs.Name;
        var datum = gcs.HorizontalDatum;
        if (datum.Wgs84Parameters is null)
        {
            if (!KnownDatums.TryGetValue(Key(datum.Name), out var shift))
            {
                problem = FootprintProblem.File(
                    $"the coordinate system \"{name}\" in {where} uses the datum \"{datum.Name}\", whose shift to WGS 84 is not known here " +
                    "(the file gives no TOWGS84). Export the data as WGS 84 (EPSG:4326) and upload it again.");
                return null;
            }
            datum.Wgs84Parameters = shift;
        }

        if (cs is GeographicCoordinateSystem && IsWgs84LonLat(gcs)) return new FootprintCrs(name, null);
        try
        {
            var transform = new CoordinateTransformationFactory().CreateFromCoordinateSystems(cs, GeographicCoordinateSystem.WGS84);
            return new FootprintCrs(name, transform.MathTransform);
        }
        catch (Exception e)
        {
            // Unsupported projections or missing parameters surface here, some wrapped by ProjNet's reflection.
            problem = FootprintProblem.File(
                $"the coordinate system \"{name}\" in {where} cannot be converted to WGS 84 here ({Reason(e)}). " +
                "Export the data as WGS 84 (EPSG:4326) and upload it again.");
            return null;
        }
    }

    static bool IsWgs84LonLat(GeographicCoordinateSystem gcs) =>
        gcs.HorizontalDatum.Wgs84Parameters is { HasZeroValuesOnly: true }
        && Math.Abs(gcs.HorizontalDatum.Ellipsoid.SemiMajorAxis - 6378137) < 0.01
        && Math.Abs(gcs.AngularUnit.RadiansPerUnit - Math.PI / 180) < 1e-12
        && gcs.PrimeMeridian.Longitude == 0;

    static string Key(string name)
    {
        var key = new string(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        // ESRI prefixes datum names with "D_" (D_WGS_1984, D_Indian_1954).
        return name.StartsWith("D_", StringComparison.OrdinalIgnoreCase) ? key[1..] : key;
    }

    static string Reason(Exception e) => (e.InnerException ?? e).Message.TrimEnd('.');

    internal static string Snip(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
