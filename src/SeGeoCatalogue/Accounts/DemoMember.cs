using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SeGeoCatalogue.Data;

namespace SeGeoCatalogue.Accounts;

/// <summary>
/// A member account for trying the catalogue locally, made only by the seed-demo command: a member of the demo
/// catalogue's World Food Programme. Never run seed-demo on a shared server.
/// </summary>
public static class DemoMember
{
    public const string Email = "member@demo.segeo";
    public const string Password = "demo-member-password";
    const string Organisation = "World Food Programme";

    public static async Task<string> EnsureAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var users = services.GetRequiredService<UserManager<CatalogueUser>>();
        if (await users.FindByEmailAsync(Email) is not null) return $"{Email} (already there)";
        var db = services.GetRequiredService<CatalogueDb>();
        var organisation = await db.Organisations.Where(o => o.Name == Organisation).Select(o => o.Id).SingleAsync(ct);
        var user = new CatalogueUser
        {
            UserName = Email, Email = Email, DisplayName = "Demo member (WFP)", OrganisationId = organisation,
            CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
        };
        var result = await users.CreateAsync(user, Password);
        if (result.Succeeded) result = await users.AddToRoleAsync(user, Roles.Member);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        return $"{Email} / {Password} (member of {Organisation})";
    }
}
