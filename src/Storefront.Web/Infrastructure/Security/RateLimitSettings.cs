using System.ComponentModel.DataAnnotations;

namespace Storefront.Web.Infrastructure.Security;

/// <summary>
/// Settings under "RateLimits". Each limit answers 429 with Retry-After once spent. Per-IP limits count the client's
/// address (the proxy's, unless ReverseProxy names it); per-account limits count the email typed, whether or not an
/// account has it, so a refusal never tells which addresses have accounts.
/// </summary>
public sealed class RateLimitSettings
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in form posts per IP address per minute (password spraying across many accounts).</summary>
    [Range(1, 1_000_000)] public int SignInsPerIpPerMinute { get; set; } = 20;

    /// <summary>Sign-in attempts per email address per 15 minutes (guessing one account's password).</summary>
    [Range(1, 1_000_000)] public int SignInsPerAccountPerQuarterHour { get; set; } = 10;

    /// <summary>Registration form posts per IP address per hour.</summary>
    [Range(1, 1_000_000)] public int RegistrationsPerIpPerHour { get; set; } = 10;

    /// <summary>Password-reset and confirmation-email requests per email address per hour.</summary>
    [Range(1, 1_000_000)] public int EmailLinksPerAccountPerHour { get; set; } = 3;

    /// <summary>Password-reset and confirmation-email requests per IP address per hour.</summary>
    [Range(1, 1_000_000)] public int EmailLinksPerIpPerHour { get; set; } = 10;

    /// <summary>One-click offer accepts per customer per minute (the page, the API and every tab together).</summary>
    [Range(1, 1_000_000)] public int AcceptsPerUserPerMinute { get; set; } = 10;

    /// <summary>New interactive circuits (Blazor hub negotiations) per IP address per minute.</summary>
    [Range(1, 1_000_000)] public int NewCircuitsPerIpPerMinute { get; set; } = 60;

    /// <summary>Webhook deliveries per IP address per second, with bursts of twice that. Generous: Dodo must never be throttled.</summary>
    [Range(1, 1_000_000)] public int WebhooksPerIpPerSecond { get; set; } = 500;
}
