using Microsoft.EntityFrameworkCore;
using SeGeoCatalogue.Accounts;
using SeGeoCatalogue.Data;

namespace SeGeoCatalogue.Access;

/// <summary>Who wrote something, as the viewer may see it: always the organisation and role; name and e-mail only when allowed.</summary>
public sealed record AuthorJson(string? Organisation, string Role, string? Name = null, string? Email = null);

/// <summary>
/// The authors named in one response (created_by, updated_by, history's changed_by store the account's sign-in address).
/// The one rule of who sees a person: the public and other organisations see the author's organisation and role;
/// members of the author's organisation and curators also see the name and e-mail.
/// </summary>
public sealed class Authors
{
    sealed record Account(string Email, string DisplayName, int? OrganisationId, string? Organisation, bool IsCurator);

    readonly Viewer _viewer;
    readonly Dictionary<string, Account> _accounts;

    Authors(Viewer viewer, Dictionary<string, Account> accounts) => (_viewer, _accounts) = (viewer, accounts);

    public static async Task<Authors> LoadAsync(CatalogueDb db, Viewer viewer, IEnumerable<string> stored, CancellationToken ct)
    {
        var keys = stored.Distinct().ToList();
        var normalized = keys.Select(k => k.ToUpperInvariant()).ToList();
        var found = await db.Users.AsNoTracking()
            .Where(u => normalized.Contains(u.NormalizedEmail!) || keys.Contains(u.Id))
            .Select(u => new
            {
                u.Id, u.Email, u.NormalizedEmail, u.DisplayName, u.OrganisationId,
                Organisation = db.Organisations.Where(o => o.Id == u.OrganisationId).Select(o => o.Name).FirstOrDefault(),
                // Role ids are the role names (fixed rows, see AccountsModel).
                IsCurator = db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == Roles.Curator),
            }).ToListAsync(ct);
        var accounts = new Dictionary<string, Account>(StringComparer.OrdinalIgnoreCase);
        foreach (var u in found)
        {
            var account = new Account(u.Email ?? "", u.DisplayName, u.OrganisationId, u.Organisation, u.IsCurator);
            accounts[u.Id] = account;
            if (u.Email is not null) accounts[u.Email] = account;
        }
        return new Authors(viewer, accounts);
    }

    /// <summary>The author stored as <paramref name="stored"/> as this viewer may see them.</summary>
    public AuthorJson Show(string stored)
    {
        // Not an account (the demo seed, or an account removed since): only curators see what was stored.
        if (!_accounts.TryGetValue(stored, out var a)) return new AuthorJson(null, "unknown", _viewer.IsCurator ? stored : null);
        var role = a.IsCurator ? Roles.Curator : Roles.Member;
        return SeesPerson(_viewer, a.OrganisationId)
            ? new AuthorJson(a.Organisation, role, a.DisplayName, a.Email)
            : new AuthorJson(a.Organisation, role);
    }

    static bool SeesPerson(Viewer viewer, int? authorOrganisation) =>
        viewer.IsCurator || (viewer.IsMember && authorOrganisation is { } org && viewer.OrganisationId == org);
}
