using Storefront.Domain;
using Storefront.Domain.Offers;
using Storefront.Domain.Payments;
using Storefront.Web.Features.Catalog;

namespace Storefront.Web.Features.Offers;

/// <summary>Everything an offer card shows, computed on the server; the browser never sends any of it back.</summary>
public sealed record OfferView(
    Guid AttemptId,
    long RuleId,
    OfferKind Kind,
    OfferAttemptStatus Status,
    string Headline,
    string ValueText,
    string? Badge,
    CatalogItem Offer,
    CatalogItem? Current,
    SavedCard? Card,
    string? FailureMessage,
    Guid? ResultOrderId,
    Money? Paid = null,
    CatalogItem? Charged = null)
{
    /// <summary>Shown with an order (its page): the offer is added to that order. On a product page there is none.</summary>
    public bool OnOrder { get; init; } = true;

    /// <summary>A cross-sell on an order page: the order an accept adds it to (its offer may have been made on another page).</summary>
    public Guid? AddsToOrderId { get; init; }

    /// <summary>While the charge waits for the customer's bank (3-D Secure): where they confirm it.</summary>
    public string? CustomerActionUrl { get; init; }

    /// <summary>While shown: when the offer closes (server time), for the card's countdown; null when it stays open.</summary>
    public DateTime? ExpiresAt { get; init; }

    /// <summary>The most one click can buy (1: no quantity picker).</summary>
    public int MaxQuantity { get; init; } = 1;

    /// <summary>Once accepted: how many were asked for (what was charged is <see cref="Paid"/>).</summary>
    public int Quantity { get; init; } = 1;

    /// <summary>A percentage off, redeemed through a Dodo discount code (null: full price).</summary>
    public int? DiscountPercent { get; init; }

    /// <summary>What one click charges for <paramref name="quantity"/> of the offer (before any tax Dodo adds), after any discount.</summary>
    public Money TotalFor(int quantity) => OfferDiscount.Apply(ListTotalFor(quantity), DiscountPercent);

    /// <summary>The same quantity at full price: struck through beside the discounted amount.</summary>
    public Money ListTotalFor(int quantity) => Charge.Times(quantity);

    /// <summary>What one click charges (before any tax Dodo adds): the upgrade's price when the customer owns part of the offer.</summary>
    public Money Charge => (Charged ?? Offer).Price;

    /// <summary>True when the customer pays the difference because they already own what the offer contains.</summary>
    public bool IsUpgrade => Charged is not null && Charged.Id != Offer.Id;

    /// <summary>A plan offered to a subscriber is a plan change with Dodo's preview, not a second subscription.</summary>
    public bool IsPlanChange => Offer.Kind == Storefront.Domain.Catalog.ProductKind.Subscription && !IsNewPlan;

    /// <summary>While shown: a plan offered to a customer without one, started on Dodo's checkout (no one-click subscription).</summary>
    public bool IsNewPlan { get; init; }

    /// <summary>What the offer adds over what the customer has.</summary>
    public IReadOnlyList<string> Gains => Current is null ? Offer.Features : Offer.Features.Except(Current.Features).ToList();

    /// <summary>
    /// For a plan offer billed at the same interval: how much more (or less) the offered plan costs each period than the
    /// current one. Null across intervals (monthly → yearly), where a per-period difference would mean nothing.
    /// </summary>
    public Money? Difference => Current is not null && Current.Price.Currency == Offer.Price.Currency && Current.BillingInterval == Offer.BillingInterval
        ? Offer.Price.Minus(Current.Price)
        : null;

    /// <summary>A plan change to the same plan billed at another interval, such as monthly → yearly.</summary>
    public bool IsIntervalSwitch => IsPlanChange && Current is not null && Current.BillingInterval != Offer.BillingInterval;
}
