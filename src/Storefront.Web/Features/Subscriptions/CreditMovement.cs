namespace Storefront.Web.Features.Subscriptions;

/// <summary>
/// A change to the subscription's credit, as the customer reads it: created by a downgrade, used by a renewal. One per
/// cause (<see cref="Cause"/> is unique per subscription), so a repeated event records nothing twice.
/// </summary>
public sealed class CreditMovement
{
    public long Id { get; init; }

    public required string DodoSubscriptionId { get; init; }

    /// <summary>What caused it, unique per subscription: "quote:{id}" or "renewal:{billing date ticks}".</summary>
    public required string Cause { get; init; }

    /// <summary>Positive: credit added; negative: credit used.</summary>
    public long AmountMinor { get; init; }

    public required string Currency { get; init; }

    public required string Description { get; init; }

    /// <summary>When the store recorded it (its own clock: Dodo's event times are to the second).</summary>
    public DateTime At { get; init; }
}
