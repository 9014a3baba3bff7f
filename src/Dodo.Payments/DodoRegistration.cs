using System.Net.Http.Headers;
using Dodo.Payments.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dodo.Payments;

/// <summary>Where the client sends requests; the sandbox host provides its own (it lives at the app's address).</summary>
public interface IDodoEndpoint
{
    Uri BaseAddress { get; }
}

internal sealed class ConfiguredDodoEndpoint(IOptions<DodoOptions> options) : IDodoEndpoint
{
    public Uri BaseAddress => options.Value.ConfiguredBaseAddress()
        ?? throw new InvalidOperationException("Dodo:BaseUrl is required for the sandbox unless the host provides its address.");
}

public static class DodoRegistration
{
    /// <summary>Registers <see cref="DodoClient"/> and <see cref="WebhookVerifier"/> from the "Dodo" section.</summary>
    public static IHttpClientBuilder AddDodoPayments(this IServiceCollection services)
    {
        services.AddOptions<DodoOptions>()
            .BindConfiguration(DodoOptions.Section)
            .PostConfigure<IConfiguration>(ApplySdkEnvironmentVariables)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DodoOptions>, DodoOptionsValidator>();
        services.AddSingleton<IDodoEndpoint, ConfiguredDodoEndpoint>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<DodoOptions>>().Value;
            return new WebhookVerifier(options.WebhookSecret!, provider.GetRequiredService<TimeProvider>(),
                TimeSpan.FromSeconds(options.WebhookToleranceSeconds));
        });

        return services.AddHttpClient<DodoClient>((provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<DodoOptions>>().Value;
                http.BaseAddress = provider.GetRequiredService<IDodoEndpoint>().BaseAddress;
                http.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
                http.DefaultRequestHeaders.UserAgent.ParseAdd("Storefront-Dodo-Client/1.0");
            })
            .AddHttpMessageHandler(provider => new IdempotentRetryHandler(
                provider.GetRequiredService<IOptions<DodoOptions>>().Value.GetRetries, TimeSpan.FromMilliseconds(200)));
    }

    private static void ApplySdkEnvironmentVariables(DodoOptions options, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            options.ApiKey = configuration["DODO_PAYMENTS_API_KEY"];
        }

        if (string.IsNullOrWhiteSpace(options.WebhookSecret))
        {
            options.WebhookSecret = configuration["DODO_PAYMENTS_WEBHOOK_KEY"];
        }

        if (string.IsNullOrWhiteSpace(options.BaseUrl))
        {
            options.BaseUrl = configuration["DODO_PAYMENTS_BASE_URL"];
        }
    }
}

internal sealed class DodoOptionsValidator : IValidateOptions<DodoOptions>
{
    public ValidateOptionsResult Validate(string? name, DodoOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add("Dodo:ApiKey (or DODO_PAYMENTS_API_KEY) is required.");
        }

        if (string.IsNullOrWhiteSpace(options.WebhookSecret))
        {
            failures.Add("Dodo:WebhookSecret (or DODO_PAYMENTS_WEBHOOK_KEY) is required to verify webhooks.");
        }
        else
        {
            try
            {
                WebhookSecret.KeyBytes(options.WebhookSecret);
            }
            catch (FormatException)
            {
                failures.Add("Dodo:WebhookSecret must be 'whsec_' followed by base64, as Dodo's dashboard shows it.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
