using SeGeoCatalogue.Boundaries;
using SeGeoCatalogue.ApiDocs;
using SeGeoCatalogue.Dcat;
using SeGeoCatalogue.Exports;
using SeGeoCatalogue.Health;
using SeGeoCatalogue.Ogc;

namespace SeGeoCatalogue;

/// <summary>The table of contents of the service: middleware and every route group (Program.cs and the benchmarks share it).</summary>
public static class CatalogueEndpoints
{
    /// <summary>The middleware and every route group, in one place (Program.cs and the benchmarks share it).</summary>
    public static WebApplication MapCatalogue(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();

        app.MapHealth();
        app.MapAdminUnits();
        app.MapOgc();
        app.MapExports();
        app.MapDcat();
        app.MapCatalogueOpenApi();
        return app;
    }
}
