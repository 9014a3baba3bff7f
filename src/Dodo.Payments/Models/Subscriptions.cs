using System.Text.Json.Serialization;
using Dodo.Payments.Json;

namespace Dodo.Payments.Models;

/// <summary>GET /subscriptions/{id}, the preview's <c>new_plan</c>, and the <c>data</c> of subscription.* webhooks.</summary>
public sealed record Subscription
{
    public required string SubscriptionId { get; init; }

    public required string ProductId { get; init; }

    public required SubscriptionStatus Status { get; init; }

    public required int Quantity { get; init; }

    /// <summary>Billed each cycle before tax (quantity included).</summary>
    public required long RecurringPreTaxAmount { get; init; }

    public required string Currency { get; init; }

    public bool TaxInclusive { get; init; }

    public int PaymentFrequencyCount { get; init; }

    public TimeInterval PaymentFrequencyInterval { get; init; }

    public int SubscriptionPeriodCount { get; init; }

    public TimeInterval SubscriptionPeriodInterval { get; init; }

    public required DateTimeOffset PreviousBillingDate { get; init; }

    public required DateTimeOffset NextBillingDate { get; init; }

    public int TrialPeriodDays { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public bool CancelAtNextBillingDate { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public bool OnDemand { get; init; }

    public string? PaymentMethodId { get; init; }

    public ScheduledChange? ScheduledChange { get; init; }

    public required CustomerSummary Customer { get; init; }

    public BillingAddress? Billing { get; init; }

    /// <summary>The discount on the subscription's charges, if any (Dodo's deprecated single id, still sent).</summary>
    public string? DiscountId { get; init; }

    /// <summary>How many more billing cycles the discount applies to (null: every one).</summary>
    public int? DiscountCyclesRemaining { get; init; }

    [JsonConverter(typeof(MetadataConverter))]
    public Dictionary<string, string>? Metadata { get; init; }

    public IReadOnlyList<AddonQuantity>? Addons { get; init; }
}

public sealed record ScheduledChange
{
    public required string Id { get; init; }

    public required string ProductId { get; init; }

    public int Quantity { get; init; }

    public DateTimeOffset EffectiveAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public string? ProductName { get; init; }
}

public sealed record AddonQuantity
{
    public required string AddonId { get; init; }

    public int Quantity { get; init; }
}

/// <summary>GET /subscriptions items (lighter than <see cref="Subscription"/>).</summary>
public sealed record SubscriptionListItem
{
    public required string SubscriptionId { get; init; }

    public required string ProductId { get; init; }

    public string? ProductName { get; init; }

    public required SubscriptionStatus Status { get; init; }

    public int Quantity { get; init; }

    public long RecurringPreTaxAmount { get; init; }

    public required string Currency { get; init; }

    public DateTimeOffset NextBillingDate { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public required CustomerSummary Customer { get; init; }
}

public sealed record SubscriptionListQuery
{
    public string? CustomerId { get; init; }

    public string? ProductId { get; init; }

    public SubscriptionStatus? Status { get; init; }

    public int PageNumber { get; init; }

    public int PageSize { get; init; } = 100;
}

/// <summary>The body of both change-plan and its preview.</summary>
public sealed record ChangePlanRequest
{
    public required string ProductId { get; init; }

    public int Quantity { get; init; } = 1;

    public required ProrationBillingMode ProrationBillingMode { get; init; }

    public ChangeEffectiveAt? EffectiveAt { get; init; }

    public OnPaymentFailure? OnPaymentFailure { get; init; }

    public IReadOnlyList<AddonQuantity>? Addons { get; init; }

    /// <summary>Metadata for the plan-change payment (not the subscription's).</summary>
    [JsonConverter(typeof(MetadataConverter))]
    public Dictionary<string, string>? Metadata { get; init; }

    /// <summary>Replaces the subscription's discount codes; <c>[]</c> removes them; omitted keeps those preserved on plan change.</summary>
    public IReadOnlyList<string>? DiscountCodes { get; init; }
}

/// <summary>POST /subscriptions/{id}/change-plan/preview. Nothing changes; amounts are what change-plan would charge.</summary>
public sealed record ChangePlanPreview
{
    public required ImmediateCharge ImmediateCharge { get; init; }

    public required Subscription NewPlan { get; init; }
}

public sealed record ImmediateCharge
{
    public required DateTimeOffset EffectiveAt { get; init; }

    public required IReadOnlyList<PreviewLineItem> LineItems { get; init; }

    public required PreviewSummary Summary { get; init; }
}

/// <summary>A line of the preview; <see cref="Type"/> is "subscription", "addon" or "meter".</summary>
public sealed record PreviewLineItem
{
    public required string Type { get; init; }

    public required string Id { get; init; }

    public string? ProductId { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public required string Currency { get; init; }

    public int? Quantity { get; init; }

    public long? UnitPrice { get; init; }

    public double? ProrationFactor { get; init; }

    public bool TaxInclusive { get; init; }

    public long? Tax { get; init; }

    public double? TaxRate { get; init; }

    /// <summary>Meter lines only.</summary>
    public long? Subtotal { get; init; }
}

public sealed record PreviewSummary
{
    public required string Currency { get; init; }

    /// <summary>Charged now (tax included).</summary>
    public required long TotalAmount { get; init; }

    public long? Tax { get; init; }

    /// <summary>Net credit movement: negative = credit used for this charge; positive = credit added (downgrade).</summary>
    public required long CustomerCredits { get; init; }

    public long SettlementAmount { get; init; }

    public string? SettlementCurrency { get; init; }

    public long? SettlementTax { get; init; }
}

/// <summary>PATCH /subscriptions/{id}; every field optional.</summary>
public sealed record SubscriptionUpdateRequest
{
    public bool? CancelAtNextBillingDate { get; init; }

    public SubscriptionStatus? Status { get; init; }

    public DateTimeOffset? NextBillingDate { get; init; }

    [JsonConverter(typeof(MetadataConverter))]
    public Dictionary<string, string>? Metadata { get; init; }
}

/// <summary>POST /subscriptions/{id}/update-payment-method: <c>{type:"existing", payment_method_id}</c> or <c>{type:"new", return_url?}</c>.</summary>
public sealed record UpdatePaymentMethodRequest
{
    public required string Type { get; init; }

    public string? PaymentMethodId { get; init; }

    public string? ReturnUrl { get; init; }

    public static UpdatePaymentMethodRequest Existing(string paymentMethodId) => new() { Type = "existing", PaymentMethodId = paymentMethodId };

    public static UpdatePaymentMethodRequest New(string? returnUrl) => new() { Type = "new", ReturnUrl = returnUrl };
}

public sealed record UpdatePaymentMethodResponse
{
    public string? PaymentId { get; init; }

    public string? PaymentLink { get; init; }

    public string? ClientSecret { get; init; }

    public DateTimeOffset? ExpiresOn { get; init; }
}
