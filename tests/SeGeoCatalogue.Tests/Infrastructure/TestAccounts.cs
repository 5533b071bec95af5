using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SeGeoCatalogue.Accounts;
using SeGeoCatalogue.Data;

namespace SeGeoCatalogue.Tests.Infrastructure;

/// <summary>Real accounts with personal API tokens, so tests ask as a curator or a member through the production sign-in path.</summary>
public static class TestAccounts
{
    static int _sequence;

    /// <summary>A new user with <paramref name="role"/> (and organisation) and a live API token; returns the token.</summary>
    public static async Task<string> TokenAsync(IServiceProvider services, string role, int? organisationId)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CatalogueUser>>();
        var email = $"{role}{Interlocked.Increment(ref _sequence)}-{Guid.NewGuid().ToString()[..6]}@example.test";
        var user = new CatalogueUser { UserName = email, Email = email, DisplayName = email.Split('@')[0], OrganisationId = organisationId, CreatedAt = DateTimeOffset.UtcNow };
        Assert.True((await users.CreateAsync(user, "correct horse battery")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);

        var secret = ApiToken.NewSecret();
        var db = scope.ServiceProvider.GetRequiredService<CatalogueDb>();
        db.ApiTokens.Add(new ApiToken { UserId = user.Id, Name = "tests", Hash = ApiToken.HashOf(secret), CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        return secret;
    }

    public static void Authorize(this HttpClient client, string token) =>
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
}
