namespace Storefront.Web.Features.Webhooks;

public static class WebhookRegistration
{
    public static WebApplicationBuilder AddDodoWebhooks(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WebhookInboxWriter>();
        builder.Services.AddSingleton<WebhookRefusals>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<WebhookRefusals>());
        builder.Services.AddSingleton<WebhookProcessor>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<WebhookProcessor>());
        return builder;
    }
}
