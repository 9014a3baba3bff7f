namespace Storefront.Web.Features.Notifications;

public static class NotificationsRegistration
{
    /// <summary>Messages to customers: on My account, and by email through the outbox.</summary>
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CustomerMessages>();
        return builder;
    }
}
