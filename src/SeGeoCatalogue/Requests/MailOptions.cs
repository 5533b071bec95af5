using MailKit.Security;

namespace SeGeoCatalogue.Requests;

/// <summary>SMTP settings (section <c>Mail</c>). Without a Host nothing is mailed: notifications stay in the web app.</summary>
public sealed class MailOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string From { get; set; } = "SE Data Catalogue <catalogue@localhost>";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>auto (STARTTLS when offered, TLS on 465), none, starttls or ssl.</summary>
    public string Security { get; set; } = "auto";
    /// <summary>The site's address, for the link in each mail (e.g. https://catalogue.example.org).</summary>
    public string? SiteUrl { get; set; }
    public double PollSeconds { get; set; } = 5;
    /// <summary>The wait after the first failed attempt; it doubles each time, up to an hour.</summary>
    public double RetrySeconds { get; set; } = 30;
    public int MaxAttempts { get; set; } = 10;
    /// <summary>How long a sender holds the rows it claimed before another sender may take them over.</summary>
    public double LeaseSeconds { get; set; } = 120;
    public int BatchSize { get; set; } = 20;

    public bool Configured => !string.IsNullOrWhiteSpace(Host);

    public SecureSocketOptions SocketOptions => Security.ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "ssl" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    public TimeSpan RetryAfter(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(RetrySeconds * Math.Pow(2, Math.Max(attempts - 1, 0)), 3600));
}
