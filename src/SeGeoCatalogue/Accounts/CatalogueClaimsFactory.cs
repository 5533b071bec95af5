using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace SeGeoCatalogue.Accounts;

/// <summary>Adds the member's organisation and display name to the cookie's claims, so a request needs no lookup for them.</summary>
public sealed class CatalogueClaimsFactory(
    UserManager<CatalogueUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<CatalogueUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(CatalogueUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.GivenName, user.DisplayName));
        if (user.OrganisationId is { } org)
            identity.AddClaim(new Claim(AccountClaims.Organisation, org.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return identity;
    }
}
