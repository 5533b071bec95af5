using SeGeoCatalogue.Data;

namespace SeGeoCatalogue.Accounts;

public sealed record OrganisationRef(int Id, string Name);

/// <summary>A user as the account and member endpoints show it (never a password hash or token).</summary>
public sealed record MemberJson(string Id, string Email, string Name, IReadOnlyList<string> Roles, OrganisationRef? Organisation, bool Active)
{
    /// <summary>Users with their roles and organisation, in one query.</summary>
    public static IQueryable<MemberJson> Select(CatalogueDb db, IQueryable<CatalogueUser> users) =>
        users.Select(u => new MemberJson(
            u.Id,
            u.Email!,
            u.DisplayName,
            db.UserRoles.Where(r => r.UserId == u.Id).OrderBy(r => r.RoleId).Select(r => r.RoleId).ToList(),
            db.Organisations.Where(o => o.Id == u.OrganisationId).Select(o => new OrganisationRef(o.Id, o.Name)).FirstOrDefault(),
            u.Active));
}
