using System.Text.Json.Serialization;
using Dodo.Payments.Json;

namespace Dodo.Payments.Models;

/// <summary>GET /products/{id}. The price is an object here; in the list it is an integer (see <see cref="ProductListItem"/>).</summary>
public sealed record Product
{
    public required string ProductId { get; init; }

    public required string BusinessId { get; init; }

    public string? BrandId { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? Image { get; init; }

    public required bool IsRecurring { get; init; }

    public string? TaxCategory { get; init; }

    public required ProductPrice Price { get; init; }

    [JsonConverter(typeof(MetadataConverter))]
    public Dictionary<string, string>? Metadata { get; init; }

    public IReadOnlyList<string>? Addons { get; init; }

    public bool LicenseKeyEnabled { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>The price object, discriminated by <see cref="Type"/>; fields of the other variants stay null.</summary>
public sealed record ProductPrice
{
    public required PriceType Type { get; init; }

    /// <summary>Minor units per purchase (one-time) or per billing cycle (recurring).</summary>
    public long? Price { get; init; }

    /// <summary>Usage-based variant only.</summary>
    public long? FixedPrice { get; init; }

    public required string Currency { get; init; }

    public int Discount { get; init; }

    public bool PurchasingPowerParity { get; init; }

    public bool? PayWhatYouWant { get; init; }

    public long? SuggestedPrice { get; init; }

    public bool? TaxInclusive { get; init; }

    public int? PaymentFrequencyCount { get; init; }

    public TimeInterval? PaymentFrequencyInterval { get; init; }

    public int? SubscriptionPeriodCount { get; init; }

    public TimeInterval? SubscriptionPeriodInterval { get; init; }

    public int? TrialPeriodDays { get; init; }

    public long? TrialAmount { get; init; }
}

/// <summary>GET /products items: a flatter shape whose <c>price</c> is an integer.</summary>
public sealed record ProductListItem
{
    public required string ProductId { get; init; }

    public required string BusinessId { get; init; }

    public required bool IsRecurring { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? Image { get; init; }

    public long? Price { get; init; }

    public string? Currency { get; init; }

    public bool? TaxInclusive { get; init; }

    public ProductPrice? PriceDetail { get; init; }

    public string? TaxCategory { get; init; }

    [JsonConverter(typeof(MetadataConverter))]
    public Dictionary<string, string>? Metadata { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

public sealed record ProductListQuery
{
    /// <summary>true: subscriptions only; false: one-time only; null: both.</summary>
    public bool? Recurring { get; init; }

    public bool? Archived { get; init; }

    public int PageNumber { get; init; }

    public int PageSize { get; init; } = 100;
}
