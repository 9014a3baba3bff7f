namespace Storefront.Web.Features.Subscriptions;

public enum CancellationOutcome
{
    /// <summary>Set to end at the period's end (unless <see cref="CancellationRequest.UndoneAt"/>).</summary>
    Cancelled = 0,

    /// <summary>Took the retention offer instead of cancelling.</summary>
    Saved = 1,
}

/// <summary>
/// A subscriber who started to cancel, and why: they cancelled at the end of the period (<see cref="UndoneAt"/> when
/// they kept the plan after all), or took the offer made for their reason instead.
/// </summary>
public sealed class CancellationRequest
{
    public long Id { get; init; }

    public required string UserId { get; init; }

    public required string DodoSubscriptionId { get; init; }

    /// <summary>A key of <see cref="Storefront.Domain.Plans.CancellationReasons"/>.</summary>
    public required string Reason { get; init; }

    public DateTime RequestedAt { get; init; }

    public DateTime? UndoneAt { get; set; }

    public CancellationOutcome Outcome { get; init; }

    /// <summary>The cheaper plan offered for the reason, if any (what the admin had set when the customer cancelled).</summary>
    public string? OfferedPlanProductId { get; init; }

    /// <summary>The discount offered for the reason, if any: a percentage off the next bills, for this many.</summary>
    public int? OfferedDiscountPercent { get; init; }

    public int? OfferedDiscountCycles { get; init; }

    /// <summary>What the subscription bills each period after the customer stayed (null when they cancelled).</summary>
    public long? KeptRecurringMinor { get; init; }

    public string? Currency { get; init; }
}
