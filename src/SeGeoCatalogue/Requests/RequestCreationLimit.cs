using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SeGeoCatalogue.Requests;

/// <summary>Settings of section <c>Requests</c>.</summary>
public sealed class RequestOptions
{
    /// <summary>How many requests one account may make per hour.</summary>
    public int CreatePerHour { get; set; } = 20;
}

/// <summary>
/// A fixed window per account on creating requests. The pipeline's rate limiter runs before authentication (so
/// floods are not audited), where the account is not known yet; this limiter is asked in the endpoint instead.
/// </summary>
public sealed class RequestCreationLimit(IOptions<RequestOptions> options) : IDisposable
{
    readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(account =>
        RateLimitPartition.GetFixedWindowLimiter(account, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.CreatePerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0,
        }));

    public int PerHour => options.Value.CreatePerHour;

    /// <summary>Null when the account may go on; otherwise how long it should wait.</summary>
    public TimeSpan? Refuse(string accountId)
    {
        using var lease = _limiter.AttemptAcquire(accountId);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromHours(1);
    }

    public void Dispose() => _limiter.Dispose();
}
