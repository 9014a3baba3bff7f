using Storefront.Domain.Offers;

namespace Storefront.Web.Features.Offers;

/// <summary>An upsell map entry an admin manages: "bought <see cref="TriggerProductId"/> → offer <see cref="OfferProductId"/>".</summary>
public sealed class UpsellRule
{
    public long Id { get; init; }

    public OfferKind Kind { get; set; }

    /// <summary>Catalog id of the product whose purchase (or page) shows the offer.</summary>
    public required string TriggerProductId { get; set; }

    /// <summary>Catalog id of the product offered.</summary>
    public required string OfferProductId { get; set; }

    /// <summary>For a downsell: the rule whose decline shows it.</summary>
    public long? FollowsRuleId { get; set; }

    public required string Headline { get; set; }

    /// <summary>What the customer gains, in a sentence.</summary>
    public string ValueText { get; set; } = "";

    /// <summary>Optional ribbon such as "Most popular upgrade".</summary>
    public string? Badge { get; set; }

    public int Priority { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTime? StartsAt { get; set; }

    public DateTime? EndsAt { get; set; }

    /// <summary>An upsell or downsell closes this many minutes after the purchase it follows (null: it stays open).</summary>
    public int? ExpiresAfterMinutes { get; set; }

    /// <summary>The most of the offered one-time product a customer can take in one click (1: no quantity picker).</summary>
    public int MaxQuantity { get; set; } = 1;

    /// <summary>A percentage off a one-time offer, redeemed through a Dodo discount code (null: full price).</summary>
    public int? DiscountPercent { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }

    public OfferRule ToDomain() => new(Id, Kind, TriggerProductId, OfferProductId, Priority, IsActive, StartsAt, EndsAt, FollowsRuleId, ExpiresAfterMinutes, DiscountPercent);
}
