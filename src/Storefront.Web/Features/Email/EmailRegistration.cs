using Microsoft.Extensions.Options;

namespace Storefront.Web.Features.Email;

public static class EmailRegistration
{
    public static WebApplicationBuilder AddEmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        builder.Services.AddSingleton<SmtpEmailTransport>();
        builder.Services.AddSingleton<EmailOutboxWorker>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<EmailOutboxWorker>());
        builder.Services.AddSingleton<EmailQueue>();
        return builder;
    }
}
