using Microsoft.EntityFrameworkCore;
using SeGeoCatalogue.Data;

namespace SeGeoCatalogue.Datasets;

/// <summary>What a record's codes mean (GET /api/vocabularies) and who can hold data (GET /api/organisations).</summary>
public static class ReferenceApi
{
    public sealed record OrganisationJson(int Id, string Name, string? Acronym, string Type, bool Active);

    public static RouteGroupBuilder MapReference(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Reference");
        group.MapGet("/vocabularies", () => TypedResults.Ok(new
        {
            Sectors = Vocabularies.Sectors,
            Levels = Vocabularies.Levels.Select(l => l.Term),
            Methods = Vocabularies.Methods,
            SpatialCompleteness = Vocabularies.SpatialCompleteness,
            Availability = Vocabularies.Availability,
            UpdateFrequencies = Vocabularies.UpdateFrequencies,
            AssessmentStatuses = Vocabularies.AssessmentStatuses,
            CurationStates = Vocabularies.CurationStates,
            Visibilities = Vocabularies.Visibilities,
            OrganisationTypes = Vocabularies.OrganisationTypes,
        }));
        group.MapGet("/organisations", async (CatalogueDb db, CancellationToken ct) => TypedResults.Ok(
            await db.Organisations.AsNoTracking().OrderBy(o => o.Name)
                .Select(o => new OrganisationJson(o.Id, o.Name, o.Acronym, o.Type, o.Active)).ToListAsync(ct)));
        return group;
    }
}
