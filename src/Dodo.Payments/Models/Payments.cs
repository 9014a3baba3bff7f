using System.Text.Json.Serialization;
using Dodo.Payments.Json;

namespace Dodo.Payments.Models;

/// <summary>POST /payments (deprecated by Dodo in favour of checkout sessions, still callable).</summary>
public sealed record PaymentCreateRequest
{
    public required IReadOnlyList<ProductCartItem> ProductCart { get; init; }

    public required CustomerRequest Customer { get; init; }

    public required BillingAddress Billing { get; init; }

    public string? PaymentMethodId { get; init; }

    public string? ReturnUrl { get; init; }

    public bool? PaymentLink { get; init; }

    [JsonConverter(typeof(MetadataConverter))]
    public Dictionary<string, string>? Metadata { get; init; }
}

public sealed record PaymentCreateResponse
{
    public required string PaymentId { get; init; }

    public string? ClientSecret { get; init; }

    public required long TotalAmount { get; init; }

    public required CustomerSummary Customer { get; init; }

    [JsonConverter(typeof(MetadataConverter))]
    public Dictionary<string, string>? Metadata { get; init; }

    public IReadOnlyList<ProductCartItem>? ProductCart { get; init; }

    public string? PaymentLink { get; init; }

    public DateTimeOffset? ExpiresOn { get; init; }
}

/// <summary>GET /payments/{id} and the <c>data</c> of payment.* webhooks.</summary>
public sealed record Payment
{
    public required string PaymentId { get; init; }

    public required string BusinessId { get; init; }

    public string? BrandId { get; init; }

    public PaymentStatus? Status { get; init; }

    /// <summary>Includes tax.</summary>
    public required long TotalAmount { get; init; }

    public long? Tax { get; init; }

    public required string Currency { get; init; }

    public long? SettlementAmount { get; init; }

    public string? SettlementCurrency { get; init; }

    public required CustomerSummary Customer { get; init; }

    public BillingAddress? Billing { get; init; }

    public IReadOnlyList<ProductCartItem>? ProductCart { get; init; }

    public string? SubscriptionId { get; init; }

    public string? CheckoutSessionId { get; init; }

    /// <summary>The discount applied, if any (Dodo marks this single id deprecated in favour of <c>discounts</c>, whose item shape it does not document).</summary>
    public string? DiscountId { get; init; }

    public string? PaymentMethod { get; init; }

    public string? PaymentMethodType { get; init; }

    public string? PaymentMethodId { get; init; }

    public string? CardLastFour { get; init; }

    public string? CardNetwork { get; init; }

    public string? CardType { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    [JsonConverter(typeof(MetadataConverter))]
    public Dictionary<string, string>? Metadata { get; init; }

    public int RetryAttempt { get; init; }

    public IReadOnlyList<Refund>? Refunds { get; init; }

    public string? RefundStatus { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }
}

/// <summary>A refund as listed on its payment and by GET /refunds.</summary>
public sealed record Refund
{
    public required string RefundId { get; init; }

    public required string PaymentId { get; init; }

    public required RefundStatus Status { get; init; }

    public long? Amount { get; init; }

    public string? Currency { get; init; }

    public bool IsPartial { get; init; }

    public string? Reason { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>On GET /refunds/{id}, POST /refunds and refund.* webhooks (not on list items).</summary>
    public CustomerSummary? Customer { get; init; }
}

/// <summary>POST /refunds: the whole payment, or some of its items (each whole, or an amount of it).</summary>
public sealed record CreateRefundRequest
{
    public required string PaymentId { get; init; }

    public string? Reason { get; init; }

    public IReadOnlyList<PartialRefundItem>? Items { get; init; }
}

public sealed record PartialRefundItem
{
    /// <summary>A product_id of the payment's cart.</summary>
    public required string ItemId { get; init; }

    /// <summary>Null refunds the whole item.</summary>
    public long? Amount { get; init; }
}

public sealed record RefundListQuery
{
    public string? CustomerId { get; init; }

    public RefundStatus? Status { get; init; }

    public DateTimeOffset? CreatedAtGte { get; init; }

    public DateTimeOffset? CreatedAtLte { get; init; }

    public int PageNumber { get; init; }

    public int PageSize { get; init; } = 100;
}

/// <summary>GET /payments items.</summary>
public sealed record PaymentListItem
{
    public required string PaymentId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string Currency { get; init; }

    public required CustomerSummary Customer { get; init; }

    [JsonConverter(typeof(MetadataConverter))]
    public Dictionary<string, string>? Metadata { get; init; }

    public required long TotalAmount { get; init; }

    public PaymentStatus? Status { get; init; }

    public string? SubscriptionId { get; init; }

    public string? CardLastFour { get; init; }

    public string? CardNetwork { get; init; }
}

public sealed record PaymentListQuery
{
    public string? CustomerId { get; init; }

    public string? SubscriptionId { get; init; }

    public string? ProductId { get; init; }

    public PaymentStatus? Status { get; init; }

    public DateTimeOffset? CreatedAtGte { get; init; }

    public DateTimeOffset? CreatedAtLte { get; init; }

    public int PageNumber { get; init; }

    public int PageSize { get; init; } = 100;
}
