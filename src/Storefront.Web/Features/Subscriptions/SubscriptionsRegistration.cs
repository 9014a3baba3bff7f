using Storefront.Web.Features.Orders;
using Storefront.Web.Features.Reconciliation;
using Storefront.Web.Features.Webhooks;

namespace Storefront.Web.Features.Subscriptions;

public static class SubscriptionsRegistration
{
    /// <summary>Subscriptions: the local copy kept from webhooks, plan changes with Dodo's preview, and card updates.</summary>
    public static WebApplicationBuilder AddSubscriptions(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<SubscriptionQueries>();
        services.AddScoped<ICustomerPlans, CustomerPlans>();
        services.AddScoped<SubscriptionOutcomes>();
        services.AddScoped<PlanChangeService>();
        services.AddScoped<PlanChangePolicyStore>();
        services.AddScoped<IPaymentFollower, PlanChangePayments>();
        services.AddScoped<PlanChangeSettlement>();
        services.AddScoped<IMoneySettlement>(provider => provider.GetRequiredService<PlanChangeSettlement>());
        services.AddScoped<PaymentMethodUpdate>();
        services.AddScoped<ScheduledChangeCancellation>();
        services.AddScoped<SubscriptionCancellation>();
        services.AddScoped<RetentionOffers>();
        services.AddScoped<TrialReminders>();
        services.AddHostedService<TrialReminderWorker>();
        services.AddScoped<IWebhookHandler, SubscriptionWebhookHandler>();
        return builder;
    }
}
