using Microsoft.EntityFrameworkCore;
using SeGeoCatalogue.Data;

namespace SeGeoCatalogue.Datasets;

/// <summary>What a record's codes mean (GET /api/vocabularies).</summary>
public static class ReferenceApi
{
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
        })).WithSummary("Every code list with English labels");
        return group;
    }
}
