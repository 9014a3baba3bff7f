using Dodo.Payments.Models;

namespace Storefront.Web.Features.Subscriptions;

/// <summary>
/// The store's copy of a Dodo subscription, kept from webhooks. <see cref="LastEventAt"/> is the time of the newest
/// event applied, so a late or repeated event never moves it backwards.
/// </summary>
public sealed class CustomerSubscription
{
    public required string DodoSubscriptionId { get; init; }

    public required string UserId { get; init; }

    public required string DodoProductId { get; set; }

    /// <summary>Dodo's status (stored as Dodo's own word: active, on_hold, …; one Dodo adds later reads as Unknown).</summary>
    public required SubscriptionStatus Status { get; set; }

    public long RecurringAmountMinor { get; set; }

    public required string Currency { get; init; }

    public DateTime PreviousBillingDate { get; set; }

    public DateTime NextBillingDate { get; set; }

    public string? PaymentMethodId { get; set; }

    public bool CancelAtNextBillingDate { get; set; }

    /// <summary>Plan the subscription switches to at the next billing date, if a change was scheduled.</summary>
    public string? ScheduledDodoProductId { get; set; }

    /// <summary>
    /// Credit from downgrades as Dodo's previews reported it (Dodo exposes no credit balance on a subscription,
    /// shared/dodo-api/README.md §12); shown to the customer, never used to compute a charge.
    /// </summary>
    public long CreditMinor { get; set; }

    public DateTime LastEventAt { get; set; }

    public DateTime CreatedAt { get; init; }
}
