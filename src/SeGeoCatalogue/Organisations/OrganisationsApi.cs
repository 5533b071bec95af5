using Microsoft.EntityFrameworkCore;
using SeGeoCatalogue.ApiDocs;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Accounts;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Organisations;

/// <summary>The organisations that hold records: everyone lists them; curators create and edit them.</summary>
public static class OrganisationsApi
{
    public sealed record OrganisationBody(string? Name, string? Acronym, string? Type, bool? Active);
    public sealed record OrganisationJson(int Id, string Name, string? Acronym, string Type, bool Active)
    {
        public static OrganisationJson From(Organisation o) => new(o.Id, o.Name, o.Acronym, o.Type, o.Active);
    }

    public static RouteGroupBuilder MapOrganisations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/organisations").WithTags("Organisations");

        group.MapGet("/", async (CatalogueDb db, CancellationToken ct) => TypedResults.Ok(
            await db.Organisations.AsNoTracking().OrderBy(o => o.Name)
                .Select(o => new OrganisationJson(o.Id, o.Name, o.Acronym, o.Type, o.Active)).ToListAsync(ct))).WithSummary("The organisations that hold records");

        group.MapPost("/", async (OrganisationBody body, CatalogueDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var organisation = new Organisation { Name = "", Type = "", CreatedAt = clock.GetUtcNow() };
            if (await ApplyAsync(body, organisation, db, ct) is { } invalid) return invalid;
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/organisations/{organisation.Id}", OrganisationJson.From(organisation));
        }).RequireAuthorization(Policies.Curator).WithSummary("Add an organisation (curators)").ProducesProblem(StatusCodes.Status409Conflict).Produces<OrganisationJson>(StatusCodes.Status201Created);

        group.MapPut("/{id:int}", async (int id, OrganisationBody body, CatalogueDb db, CancellationToken ct) =>
        {
            var organisation = await db.Organisations.FindAsync([id], ct);
            if (organisation is null)
                return TypedResults.Problem($"There is no organisation {id}; GET /api/organisations lists them.", statusCode: StatusCodes.Status404NotFound);
            if (await ApplyAsync(body, organisation, db, ct) is { } invalid) return invalid;
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(OrganisationJson.From(organisation));
        }).RequireAuthorization(Policies.Curator).WithSummary("Rename an organisation (curators)").ProducesProblem(StatusCodes.Status409Conflict).Produces<OrganisationJson>();

        return group;
    }

    /// <summary>Validates the body and copies it onto the organisation; returns the problem when the body is refused.</summary>
    static async Task<IResult?> ApplyAsync(OrganisationBody body, Organisation organisation, CatalogueDb db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var name = body.Name?.Trim() ?? "";
        var acronym = body.Acronym?.Trim() is { Length: > 0 } a ? a : null;
        if (name.Length is 0 or > 200) errors.Add("name", "Give the organisation's full name (1–200 characters).");
        if (acronym?.Length > 30) errors.Add("acronym", "Keep the acronym to 30 characters.");
        if (!Vocabularies.Contains(Vocabularies.OrganisationTypes, body.Type))
            errors.Add("type", $"'{body.Type}' is not an organisation type; use one of {string.Join(", ", Vocabularies.OrganisationTypes.Select(t => t.Code))}.");
        if (errors.Any) return errors.ToResult();
        if (await db.Organisations.AnyAsync(o => o.Name == name && o.Id != organisation.Id, ct))
            return TypedResults.Problem($"An organisation named '{name}' exists already; edit it instead (PUT /api/organisations/{{id}}).",
                statusCode: StatusCodes.Status409Conflict);

        organisation.Name = name;
        organisation.Acronym = acronym;
        organisation.Type = body.Type!;
        organisation.Active = body.Active ?? organisation.Active;
        return null;
    }
}
