namespace Storefront.Web.Features.Account;

public static class AccountRegistration
{
    public static WebApplicationBuilder AddAccount(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<BillingHistory>();
        return builder;
    }
}
