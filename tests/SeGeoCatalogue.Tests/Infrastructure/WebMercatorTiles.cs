namespace SeGeoCatalogue.Tests.Infrastructure;

/// <summary>The XYZ tile formulas of Web Mercator, written here so the tests do not take them from PostGIS.</summary>
public static class WebMercatorTiles
{
    public static (int X, int Y) TileOf(double lon, double lat, int z)
    {
        var n = 1 << z;
        var rad = lat * Math.PI / 180;
        return ((int)Math.Floor((lon + 180) / 360 * n), (int)Math.Floor((1 - Math.Log(Math.Tan(rad) + 1 / Math.Cos(rad)) / Math.PI) / 2 * n));
    }

    public static (double West, double South, double East, double North) Bounds(int z, int x, int y)
    {
        var n = 1 << z;
        static double Lat(double t) => Math.Atan(Math.Sinh(Math.PI * (1 - 2 * t))) * 180 / Math.PI;
        return (x * 360.0 / n - 180, Lat((y + 1.0) / n), (x + 1) * 360.0 / n - 180, Lat((double)y / n));
    }
}
