using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace SeGeoCatalogue.Tests.Infrastructure;

public static class FixedClock
{
    /// <summary>The same app and database with the service's clock stopped at <paramref name="utc"/>.</summary>
    public static WebApplicationFactory<Program> At(this CatalogueApp app, DateTimeOffset utc) =>
        app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(utc))));
}
