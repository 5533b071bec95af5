using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace SeGeoCatalogue.Shared;

/// <summary>
/// Brotli or gzip for what the service reads out: JSON, GeoJSON, CSV, vector tiles. Only GET and HEAD responses outside the account
/// routes are compressed, so no response that carries a secret (sign-in, API tokens) is ever compressed next to text
/// a requester chose (BREACH).
/// </summary>
public static class Compression
{
    public static readonly string[] MediaTypes =
        ["application/json", "application/geo+json", "application/problem+json", "application/ld+json", "application/schema+json",
         "application/vnd.oai.openapi+json", "text/csv", "text/plain", "text/html", "text/css", "text/javascript", "application/javascript",
         "image/svg+xml", Boundaries.BoundaryTiles.MediaType];

    public static IServiceCollection AddCatalogueCompression(this IServiceCollection services)
    {
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = MediaTypes;
        });
    }

    public static IApplicationBuilder UseCatalogueCompression(this IApplicationBuilder app) =>
        app.UseWhen(http => (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
                            && !http.Request.Path.StartsWithSegments("/api/account"),
            branch => branch.UseResponseCompression());
}
