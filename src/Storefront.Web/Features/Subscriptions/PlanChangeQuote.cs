using Storefront.Domain.Plans;

namespace Storefront.Web.Features.Subscriptions;

public enum QuoteStatus
{
    /// <summary>Dodo's preview, shown in the dialog.</summary>
    Quoted = 0,

    /// <summary>Claimed by one confirm; the change-plan request is on its way.</summary>
    Confirming = 1,

    /// <summary>Dodo accepted the change; waiting for subscription.plan_changed.</summary>
    Submitted = 2,

    Applied = 3,

    Failed = 4,

    /// <summary>Dodo's numbers changed before the customer confirmed; a new quote replaced this one.</summary>
    Superseded = 5,

    /// <summary>No answer from Dodo; settled by looking the subscription up.</summary>
    Unknown = 6,

    /// <summary>
    /// Dodo declined the change's charge under prevent_change, so the plan stays as it was. The customer can pay with
    /// another card (a fresh quote replaces this one) or keep their plan; untouched, it is abandoned after a while.
    /// </summary>
    AwaitingPayment = 7,
}

/// <summary>A plan-change preview the customer saw. Confirming re-checks Dodo's numbers against it.</summary>
public sealed class PlanChangeQuote
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public required string UserId { get; init; }

    public required string DodoSubscriptionId { get; init; }

    public required string FromDodoProductId { get; init; }

    public required string TargetDodoProductId { get; init; }

    public PlanChangeDirection Direction { get; init; }

    public ProrationMode Mode { get; init; }

    public ChangeTiming Timing { get; init; }

    public PaymentFailureBehaviour OnFailure { get; init; }

    public long TotalAmountMinor { get; init; }

    public long CustomerCreditsMinor { get; init; }

    public required string Currency { get; init; }

    public DateTime EffectiveAt { get; init; }

    public QuoteStatus Status { get; set; }

    public string? FailureMessage { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime? SubmittedAt { get; set; }

    /// <summary>The post-purchase offer this change came from, if any: it ends when the quote ends.</summary>
    public Guid? OfferAttemptId { get; set; }
}
