using Storefront.Web.Features.Payments;

namespace Storefront.Web.Features.Reconciliation;

public static class ReconciliationRegistration
{
    /// <summary>The background reconciler; each feature registers the <see cref="IMoneySettlement"/> it owns.</summary>
    public static WebApplicationBuilder AddReconciliation(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReconcilerOptions>().BindConfiguration(ReconcilerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IChargeFaults, NoChargeFaults>();
        builder.Services.AddSingleton<MoneyReconciler>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<MoneyReconciler>());
        return builder;
    }
}
