namespace SeGeoCatalogue.Tests.Footprints;

/// <summary>
/// Textbook geodesy written for the tests, independent of ProjNet, so expected coordinates do not come from the code
/// under test: UTM by the Krüger series (as in the UTM article of Wikipedia / Karney 2011) and a 3-parameter
/// geocentric datum shift.
/// </summary>
public static class ReferenceGeodesy
{
    public sealed record Ellipsoid(double A, double InverseFlattening)
    {
        public double F => 1 / InverseFlattening;
        public double E2 => F * (2 - F);
    }

    public static readonly Ellipsoid Wgs84 = new(6378137, 298.257223563);
    /// <summary>Everest 1830 (1937 Adjustment), the ellipsoid of Indian 1954.</summary>
    public static readonly Ellipsoid Everest1937 = new(6377276.345, 300.8017);

    /// <summary>Lon/lat in degrees on <paramref name="e"/> to UTM easting/northing (northern hemisphere).</summary>
    public static (double E, double N) ToUtm(double lon, double lat, int zone, Ellipsoid e)
    {
        const double k0 = 0.9996, e0 = 500_000;
        var n = e.F / (2 - e.F);
        var a = e.A / (1 + n) * (1 + n * n / 4 + n * n * n * n / 64);
        double[] alpha = [n / 2 - 2 * n * n / 3 + 5 * n * n * n / 16, 13 * n * n / 48 - 3 * n * n * n / 5, 61 * n * n * n / 240];
        var phi = lat * Math.PI / 180;
        var dLambda = (lon - (zone * 6 - 183)) * Math.PI / 180;
        var c = 2 * Math.Sqrt(n) / (1 + n);
        var t = Math.Sinh(Math.Atanh(Math.Sin(phi)) - c * Math.Atanh(c * Math.Sin(phi)));
        var xi = Math.Atan(t / Math.Cos(dLambda));
        var eta = Math.Atanh(Math.Sin(dLambda) / Math.Sqrt(1 + t * t));
        double east = eta, north = xi;
        for (var j = 1; j <= 3; j++)
        {
            east += alpha[j - 1] * Math.Cos(2 * j * xi) * Math.Sinh(2 * j * eta);
            north += alpha[j - 1] * Math.Sin(2 * j * xi) * Math.Cosh(2 * j * eta);
        }
        return (e0 + k0 * a * east, k0 * a * north);
    }

    /// <summary>Moves a lon/lat from one datum to another through geocentric X, Y, Z, adding (dx, dy, dz) metres.</summary>
    public static (double Lon, double Lat) Shift(double lon, double lat, Ellipsoid from, Ellipsoid to, double dx, double dy, double dz)
    {
        var (x, y, z) = ToGeocentric(lon, lat, from);
        return FromGeocentric(x + dx, y + dy, z + dz, to);
    }

    static (double X, double Y, double Z) ToGeocentric(double lon, double lat, Ellipsoid e)
    {
        double phi = lat * Math.PI / 180, lambda = lon * Math.PI / 180;
        var nu = e.A / Math.Sqrt(1 - e.E2 * Math.Sin(phi) * Math.Sin(phi));
        return (nu * Math.Cos(phi) * Math.Cos(lambda), nu * Math.Cos(phi) * Math.Sin(lambda), nu * (1 - e.E2) * Math.Sin(phi));
    }

    static (double Lon, double Lat) FromGeocentric(double x, double y, double z, Ellipsoid e)
    {
        var p = Math.Sqrt(x * x + y * y);
        var phi = Math.Atan2(z, p * (1 - e.E2));
        for (var i = 0; i < 10; i++)
        {
            var nu = e.A / Math.Sqrt(1 - e.E2 * Math.Sin(phi) * Math.Sin(phi));
            var h = p / Math.Cos(phi) - nu;
            phi = Math.Atan2(z, p * (1 - e.E2 * nu / (nu + h)));
        }
        return (Math.Atan2(y, x) * 180 / Math.PI, phi * 180 / Math.PI);
    }

    /// <summary>Ground distance in metres between two nearby lon/lat points (equirectangular; fine below a few km).</summary>
    public static double Metres(double lon1, double lat1, double lon2, double lat2)
    {
        const double metresPerDegree = 6371008.8 * Math.PI / 180;
        var dx = (lon2 - lon1) * Math.Cos((lat1 + lat2) / 2 * Math.PI / 180) * metresPerDegree;
        var dy = (lat2 - lat1) * metresPerDegree;
        return Math.Sqrt(dx * dx + dy * dy);
    }
}
