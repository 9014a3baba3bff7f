namespace Storefront.Web.Features.Orders;

public enum OrderStatus
{
    /// <summary>Waiting for Dodo to confirm the payment (by webhook or lookup).</summary>
    Pending = 0,
    Paid = 1,
    Failed = 2,
}

public enum OrderKind
{
    Purchase = 0,
    Upsell = 1,
    CrossSell = 2,
    Downsell = 3,
}

/// <summary>
/// A purchase in the store. Its amount is Dodo's (the payment's total once confirmed); it turns Paid only when Dodo
/// says so (payment.succeeded, or a lookup of the payment), never because a browser came back to the return URL.
/// </summary>
public sealed class Order
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public required string UserId { get; init; }

    public OrderKind Kind { get; init; }

    /// <summary>The catalog product bought.</summary>
    public required string ProductId { get; init; }

    public required string DodoProductId { get; init; }

    public required string ProductName { get; init; }

    /// <summary>How many were bought (team seats, say); <see cref="AmountMinor"/> is for all of them.</summary>
    public int Quantity { get; init; } = 1;

    /// <summary>What the order's line says: the product, and how many when more than one.</summary>
    public string LineLabel => Quantity == 1 ? ProductName : $"{ProductName} × {Quantity}";

    /// <summary>The catalog price when ordered; replaced by Dodo's total when the payment is confirmed.</summary>
    public long AmountMinor { get; set; }

    public required string Currency { get; init; }

    public OrderStatus Status { get; set; }

    public string? CheckoutSessionId { get; set; }

    public string? PaymentId { get; set; }

    public string? SubscriptionId { get; set; }

    /// <summary>For upsells, cross-sells and downsells: the order whose page showed the offer.</summary>
    public Guid? ParentOrderId { get; init; }

    public Guid? OfferAttemptId { get; init; }

    public string? FailureCode { get; set; }

    public string? FailureMessage { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime? PaidAt { get; set; }

    /// <summary>A plan started with a free trial: nothing was charged, and Dodo's first charge is due at this time.</summary>
    public DateTime? TrialEndsAt { get; set; }

    /// <summary>The billing address Dodo recorded on the payment (JSON), reused for the customer's one-click charges.</summary>
    public string? BillingAddress { get; set; }
}
