using Storefront.Web.Features.Webhooks;

namespace Storefront.Web.Features.Licenses;

public static class LicensesRegistration
{
    public static WebApplicationBuilder AddLicenses(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<LicenseLibrary>();
        builder.Services.AddScoped<IWebhookHandler, LicenseKeyWebhookHandler>();
        return builder;
    }
}
