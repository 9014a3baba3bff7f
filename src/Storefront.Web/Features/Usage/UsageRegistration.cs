namespace Storefront.Web.Features.Usage;

public static class UsageRegistration
{
    public static WebApplicationBuilder AddUsage(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ApiKeys>();
        builder.Services.AddScoped<UsageOffers>();
        return builder;
    }
}
