namespace SeGeoCatalogue.Accounts;

/// <summary>Sign-in limits, bound from the "Accounts" configuration section (e.g. Accounts__LockoutFailures).</summary>
public sealed class AccountOptions
{
    /// <summary>Failed passwords in a row before the account is locked.</summary>
    public int LockoutFailures { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
    /// <summary>Sign-in attempts one IP address may make per minute.</summary>
    public int SignInsPerMinute { get; set; } = 10;
    /// <summary>How long a web session lasts without activity.</summary>
    public int SessionHours { get; set; } = 8;
    /// <summary>
    /// Session and antiforgery cookies are sent over HTTPS only. Set false only where the service is reached over
    /// plain http on the machine itself (scripts/serve.sh, docker compose on localhost); behind a TLS proxy keep it
    /// true and let the proxy send X-Forwarded-Proto.
    /// </summary>
    public bool SecureCookies { get; set; } = true;
}
