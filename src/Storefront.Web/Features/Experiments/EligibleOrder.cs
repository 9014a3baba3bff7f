namespace Storefront.Web.Features.Experiments;

/// <summary>
/// An order on which a running experiment's rule would have made its offer, and the arm its customer is in (no
/// variant: the holdout, which saw nothing). The denominator of every per-order figure; one row per experiment and order.
/// </summary>
public sealed class EligibleOrder
{
    public long Id { get; init; }

    public long ExperimentId { get; init; }

    public Guid OrderId { get; init; }

    public required string UserId { get; init; }

    /// <summary>Null: the holdout.</summary>
    public long? VariantId { get; init; }

    public DateTime AssignedAt { get; init; }
}
