using System.Security.Cryptography;
using System.Text;

namespace SeGeoCatalogue.Accounts;

/// <summary>A personal API token for scripts. Only its SHA-256 hash is stored; the secret is shown once.</summary>
public sealed class ApiToken
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public required byte[] Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>A member may hold this many live tokens; it keeps the token list short enough to need no paging.</summary>
    public const int MaxActivePerUser = 20;

    /// <summary>A new secret: a recognisable prefix and 256 random bits.</summary>
    public static string NewSecret() => "sgc_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] HashOf(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
