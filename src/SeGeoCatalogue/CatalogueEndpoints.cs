using SeGeoCatalogue.Access;
using SeGeoCatalogue.Accounts;
using SeGeoCatalogue.Ckan;
using SeGeoCatalogue.Boundaries;
using SeGeoCatalogue.Boundaries.Releases;
using SeGeoCatalogue.ApiDocs;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Dcat;
using SeGeoCatalogue.Exports;
using SeGeoCatalogue.Curation;
using SeGeoCatalogue.Footprints;
using SeGeoCatalogue.Coverage;
using SeGeoCatalogue.Health;
using SeGeoCatalogue.Ogc;
using SeGeoCatalogue.Organisations;
using SeGeoCatalogue.Shared;
using SeGeoCatalogue.Requests;
using SeGeoCatalogue.Demand;
using SeGeoCatalogue.GapReasons;
using SeGeoCatalogue.Inventory;

namespace SeGeoCatalogue;

/// <summary>The table of contents of the service: middleware and every route group (Program.cs and the benchmarks share it).</summary>
public static class CatalogueEndpoints
{
    /// <summary>The middleware and every route group, in one place (Program.cs and the benchmarks share it).</summary>
    public static WebApplication MapCatalogue(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseCatalogueCompression();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestTextGuard();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAccessControl();

        app.MapHealth();
        app.MapAdminUnits();
        app.MapBoundaryTiles();
        app.MapBoundaryReleases();
        app.MapReference();
        app.MapDatasets().RequireAuthorization(Policies.Member);
        // Preview and file reading cost PostGIS and CPU time: only for signed-in members (the editor is theirs alone).
        app.MapFootprints().RequireAuthorization(Policies.Member);
        app.MapOgc();
        app.MapExports();
        app.MapDcat();
        app.MapDatasetPage();
        app.MapCkan();
        app.MapCatalogueOpenApi();
        app.MapAccount();
        app.MapApiTokens();
        app.MapMembers();
        app.MapOrganisations();
        app.MapCuration();
        app.MapReview();
        app.MapAudit();
        app.MapCoverage();
        app.MapRequests();
        app.MapNeeds();
        app.MapGapMarks();
        app.MapInventory().RequireAuthorization(Policies.Member);
        return app;
    }
}
