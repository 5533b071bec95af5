using System.Globalization;
using System.Security.Claims;
using SeGeoCatalogue.Accounts;

namespace SeGeoCatalogue.Access;

/// <summary>The viewer of a request from its authenticated user (cookie or bearer token); anyone else is the public.</summary>
public sealed class ClaimsViewerAccessor : IViewerAccessor
{
    public Viewer Current(HttpContext http) => From(http.User);

    public static Viewer From(ClaimsPrincipal user)
    {
        var id = user.Identity?.IsAuthenticated == true ? user.FindFirst(ClaimTypes.NameIdentifier)?.Value : null;
        if (id is null) return Viewer.Public;
        var curator = user.IsInRole(Roles.Curator);
        int? organisation = int.TryParse(user.FindFirst(AccountClaims.Organisation)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var org)
            ? org : null;
        return new Viewer(id, curator || user.IsInRole(Roles.Member), curator, organisation)
        {
            Email = user.FindFirst(ClaimTypes.Email)?.Value,
        };
    }
}
