namespace Storefront.Web.Features.Live;

public static class LiveRegistration
{
    /// <summary>Live page updates: one notifier for the process, pages subscribe per customer.</summary>
    public static WebApplicationBuilder AddLiveUpdates(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CustomerChanges>();
        return builder;
    }
}
