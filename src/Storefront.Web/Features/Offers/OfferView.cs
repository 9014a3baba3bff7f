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
    Money? Paid = null)
{
    /// <summary>A plan offered to a subscriber is a plan change with Dodo's preview, not a second subscription.</summary>
    public bool IsPlanChange => Offer.Kind == Storefront.Domain.Catalog.ProductKind.Subscription;

    /// <summary>What the offer adds over what the customer has.</summary>
    public IReadOnlyList<string> Gains => Current is null ? Offer.Features : Offer.Features.Except(Current.Features).ToList();

    /// <summary>How much more (or less) the offered product costs than the one the customer has.</summary>
    public Money? Difference => Current is not null && Current.Price.Currency == Offer.Price.Currency ? Offer.Price.Minus(Current.Price) : null;
}
