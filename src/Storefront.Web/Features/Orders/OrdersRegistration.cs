using Storefront.Web.Features.Reconciliation;
using Storefront.Web.Features.Webhooks;

namespace Storefront.Web.Features.Orders;

public static class OrdersRegistration
{
    /// <summary>Purchases: checkout, orders and entitlements, and the payment and refund webhooks that complete them.</summary>
    public static WebApplicationBuilder AddOrders(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<CheckoutService>();
        services.AddScoped<OrderQueries>();
        services.AddScoped<PaymentOutcomes>();
        services.AddScoped<TrialOrders>();
        services.AddScoped<IMoneySettlement, PendingOrderSettlement>();
        services.AddScoped<IWebhookHandler, PaymentWebhookHandler>();
        services.AddScoped<IWebhookHandler, RefundWebhookHandler>();
        return builder;
    }
}
