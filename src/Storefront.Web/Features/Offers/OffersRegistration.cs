using Storefront.Web.Features.Orders;
using Storefront.Web.Features.Reconciliation;

namespace Storefront.Web.Features.Offers;

public static class OffersRegistration
{
    /// <summary>Upsell, cross-sell and downsell offers: showing them, one-click accepts, and settling their charges.</summary>
    public static WebApplicationBuilder AddOffers(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<OfferService>();
        services.AddScoped<OfferAcceptance>();
        services.AddScoped<OfferDiscountCodes>();
        services.AddScoped<IPaymentFollower, OfferPayments>();
        services.AddScoped<OfferSettlement>();
        services.AddScoped<IMoneySettlement>(provider => provider.GetRequiredService<OfferSettlement>());
        services.AddScoped<ExpiredOffers>();
        services.AddScoped<IMoneySettlement>(provider => provider.GetRequiredService<ExpiredOffers>());
        return builder;
    }
}
