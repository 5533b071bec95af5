namespace SeGeoCatalogue.Tests.Footprints;

/// <summary>The test-side UTM formulas are themselves checked, against a quadrature of the meridian arc.</summary>
public class ReferenceGeodesyTests
{
    [Theory]
    [InlineData(16.8)]
    [InlineData(28.0)]
    public void The_reference_UTM_northing_on_the_central_meridian_is_the_scaled_meridian_arc(double lat)
    {
        var e = ReferenceGeodesy.Wgs84;
        // Meridian arc = integral of the meridian radius of curvature a(1-e²)/(1-e² sin²φ)^1.5, by Simpson's rule.
        const int steps = 2000;
        var phi = lat * Math.PI / 180;
        double Rho(double p) => e.A * (1 - e.E2) / Math.Pow(1 - e.E2 * Math.Sin(p) * Math.Sin(p), 1.5);
        var h = phi / steps;
        var sum = Rho(0) + Rho(phi);
        for (var i = 1; i < steps; i++) sum += (i % 2 == 1 ? 4 : 2) * Rho(i * h);
        var arc = sum * h / 3;

        var (east, north) = ReferenceGeodesy.ToUtm(99, lat, 47, e);

        Assert.Equal(500_000, east, 0.001);
        Assert.Equal(0.9996 * arc, north, 0.001);
    }
}
