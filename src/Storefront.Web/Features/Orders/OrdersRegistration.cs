using Storefront.Web.Features.Notifications;
using Storefront.Web.Features.Offers;
using Storefront.Web.Features.Payments;
using Storefront.Web.Features.Subscriptions;
using Storefront.Web.Features.Webhooks;

namespace Storefront.Web.Features.Orders;

public static class OrdersRegistration
{
    /// <summary>Purchases, offers, plan changes, and the webhook handlers that complete them.</summary>
    public static WebApplicationBuilder AddCommerce(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<OrderNotifier>();
        services.AddScoped<DodoCustomerLink>();
        services.AddScoped<SavedCards>();
        services.AddScoped<SavedCardRemoval>();
        services.AddScoped<CheckoutService>();
        services.AddScoped<OrderQueries>();
        services.AddScoped<PaymentOutcomes>();
        services.AddScoped<OfferService>();
        services.AddScoped<OfferAcceptance>();
        services.AddScoped<PlanChangeService>();
        services.AddScoped<PlanChangePolicyStore>();
        services.AddScoped<SubscriptionOutcomes>();
        services.AddScoped<SubscriptionQueries>();
        services.AddScoped<PaymentMethodUpdate>();
        services.AddScoped<ScheduledChangeCancellation>();
        services.AddScoped<CustomerMessages>();
        services.AddScoped<IWebhookHandler, PaymentWebhookHandler>();
        services.AddScoped<IWebhookHandler, SubscriptionWebhookHandler>();
        services.AddScoped<IWebhookHandler, RefundWebhookHandler>();
        return builder;
    }
}
