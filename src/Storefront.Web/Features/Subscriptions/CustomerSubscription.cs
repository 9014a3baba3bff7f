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

    /// <summary>The discount Dodo takes off the next bills (its discount id), and for how many more; null: none or every bill.</summary>
    public string? DodoDiscountId { get; set; }

    public int? DiscountCyclesRemaining { get; set; }

    /// <summary>For a subscription that started with a free trial: when the trial ends (created + Dodo's trial_period_days).</summary>
    public DateTime? TrialEndsAt { get; set; }

    /// <summary>The plan the trial started on (the trial report counts it there, whatever the plan later becomes).</summary>
    public string? TrialPlanDodoProductId { get; set; }

    /// <summary>When the trial became a paid plan (the first charge: at the trial's end, or "start paying now").</summary>
    public DateTime? TrialConvertedAt { get; set; }

    /// <summary>When the trial ended without a payment (cancelled, or its first charge was declined).</summary>
    public DateTime? TrialLapsedAt { get; set; }

    /// <summary>Still in the free trial: active, and nothing has been charged for the plan yet.</summary>
    public bool InTrial => TrialEndsAt is not null && TrialConvertedAt is null && TrialLapsedAt is null && Status == SubscriptionStatus.Active;

    public DateTime CreatedAt { get; init; }
}
