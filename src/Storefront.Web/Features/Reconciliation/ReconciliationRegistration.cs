using Storefront.Web.Features.Offers;
using Storefront.Web.Features.Payments;
using Storefront.Web.Features.Subscriptions;

namespace Storefront.Web.Features.Reconciliation;

public static class ReconciliationRegistration
{
    public static WebApplicationBuilder AddReconciliation(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReconcilerOptions>().BindConfiguration(ReconcilerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<OfferSettlement>();
        builder.Services.AddScoped<PlanChangeSettlement>();
        builder.Services.AddSingleton<IChargeFaults, NoChargeFaults>();
        builder.Services.AddSingleton<MoneyReconciler>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<MoneyReconciler>());
        return builder;
    }
}
