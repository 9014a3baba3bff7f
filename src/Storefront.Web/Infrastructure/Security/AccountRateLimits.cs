using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Storefront.Web.Infrastructure.Security;

/// <summary>The answer of a rate limit: allowed, or how long to wait.</summary>
public readonly record struct RateLimitDecision(bool Allowed, TimeSpan RetryAfter)
{
    public static readonly RateLimitDecision Allow = new(true, TimeSpan.Zero);
}

/// <summary>
/// Limits keyed by the account a request names: the email typed into sign-in or "forgot password" (counted whether
/// or not an account has it), and the signed-in customer for one-click accepts. The same built-in limiters as the
/// per-IP ones; these are checked by the code that knows the account.
/// </summary>
public sealed class AccountRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> signIns;
    private readonly PartitionedRateLimiter<string> emailLinks;
    private readonly PartitionedRateLimiter<string> accepts;

    public AccountRateLimits(IOptions<RateLimitSettings> options)
    {
        var limits = options.Value;
        signIns = PerKey(limits.SignInsPerAccountPerQuarterHour, TimeSpan.FromMinutes(15));
        emailLinks = PerKey(limits.EmailLinksPerAccountPerHour, TimeSpan.FromHours(1));
        accepts = PerKey(limits.AcceptsPerUserPerMinute, TimeSpan.FromMinutes(1));
    }

    public RateLimitDecision SignIn(string email) => Take(signIns, Normalize(email));

    public RateLimitDecision EmailLink(string email) => Take(emailLinks, Normalize(email));

    public RateLimitDecision Accept(string userId) => Take(accepts, userId);

    public void Dispose()
    {
        signIns.Dispose();
        emailLinks.Dispose();
        accepts.Dispose();
    }

    private static string Normalize(string email) => email.Trim().ToUpperInvariant();

    private static RateLimitDecision Take(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired ? RateLimitDecision.Allow
            : new RateLimitDecision(false, lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1));
    }

    private static PartitionedRateLimiter<string> PerKey(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        }));
}
