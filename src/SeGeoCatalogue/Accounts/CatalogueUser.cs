using Microsoft.AspNetCore.Identity;

namespace SeGeoCatalogue.Accounts;

/// <summary>A person who signs in: a curator (MIMU) or a member of one organisation. The user name is the email.</summary>
public sealed class CatalogueUser : IdentityUser
{
    public required string DisplayName { get; set; }
    /// <summary>The member's organisation; curators may have none.</summary>
    public int? OrganisationId { get; set; }
    /// <summary>Deactivated users can neither sign in nor use their tokens.</summary>
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The two roles; anyone not signed in is the public.</summary>
public static class Roles
{
    public const string Curator = "curator";
    public const string Member = "member";
    public static readonly IReadOnlyList<string> All = [Curator, Member];
}

/// <summary>Authorisation policy names for endpoints.</summary>
public static class Policies
{
    /// <summary>A member of an organisation or a curator.</summary>
    public const string Member = "member";
    public const string Curator = "curator";
}

/// <summary>Claim types of our own, next to the standard id, email, name and role claims.</summary>
public static class AccountClaims
{
    public const string Organisation = "segeo:organisation_id";
}
