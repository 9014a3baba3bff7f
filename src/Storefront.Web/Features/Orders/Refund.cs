namespace Storefront.Web.Features.Orders;

/// <summary>A refund Dodo reported (refund.succeeded), once per refund id; analytics subtracts it from revenue added.</summary>
public sealed class Refund
{
    public required string RefundId { get; init; }

    public required string PaymentId { get; init; }

    public long AmountMinor { get; init; }

    public required string Currency { get; init; }

    public DateTime CreatedAt { get; init; }
}
