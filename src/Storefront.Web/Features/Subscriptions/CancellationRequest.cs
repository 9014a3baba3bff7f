namespace Storefront.Web.Features.Subscriptions;

/// <summary>A subscriber asked to cancel at the end of the period (and why); <see cref="UndoneAt"/> when they kept the plan after all.</summary>
public sealed class CancellationRequest
{
    public long Id { get; init; }

    public required string UserId { get; init; }

    public required string DodoSubscriptionId { get; init; }

    /// <summary>A key of <see cref="Storefront.Domain.Plans.CancellationReasons"/>.</summary>
    public required string Reason { get; init; }

    public DateTime RequestedAt { get; init; }

    public DateTime? UndoneAt { get; set; }
}
