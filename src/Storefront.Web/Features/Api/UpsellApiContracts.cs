using Storefront.Web.Features.Offers;

namespace Storefront.Web.Features.Api;

public sealed record ApiError(string Code, string Message);

public sealed record ApiMoney(long Amount, string Currency, string Formatted);

public sealed record ApiProduct(string Id, string Name, string Kind);

public sealed record ApiPaymentMethod(string Id, string Network, string Last4, int ExpiryMonth, int ExpiryYear);

public sealed record ApiOffer(Guid AttemptId, long RuleId, string Kind, string Headline, string Value, string? Badge, ApiProduct Product, ApiMoney Price, ApiMoney? Difference, bool OneClick);

public sealed record UpsellOfferResponse(bool Eligible, string? Reason, Guid? OrderId, ApiOffer? Offer, ApiPaymentMethod? PaymentMethod)
{
    public static UpsellOfferResponse From(Guid orderId, OfferView view) => new(
        true, null, orderId,
        new ApiOffer(view.AttemptId, view.RuleId, view.IsPlanChange ? "plan_change" : view.Kind.ToString(), view.Headline, view.ValueText, view.Badge,
            new ApiProduct(view.Offer.Id, view.Offer.Name, view.Offer.Kind.ToString()),
            new ApiMoney(view.Offer.Price.Minor, view.Offer.Price.Currency, view.Offer.PriceLabel),
            view.Difference is { } d ? new ApiMoney(d.Minor, d.Currency, d.Format()) : null,
            OneClick: view.Card is not null && !view.IsPlanChange),
        view.Card is { } card ? new ApiPaymentMethod(card.PaymentMethodId, card.Network, card.Last4, card.ExpiryMonth, card.ExpiryYear) : null);
}

/// <summary>Only <see cref="AttemptId"/> is needed. Product and amount may be sent to be checked, never to set a price.</summary>
public sealed record AcceptRequest(string? AttemptId, string? ProductId = null, long? Amount = null, string? Currency = null);

public sealed record AcceptResponse(string Status, string Message, Guid? OrderId, string? PaymentId);
