using Dodo.Payments;
using Dodo.Sandbox;
using Microsoft.Extensions.Options;
using Storefront.Web.Data.Seed;

namespace Storefront.Web.Features.Payments;

public static class PaymentsRegistration
{
    /// <summary>
    /// The Dodo client, the customer link and saved cards. With Dodo:Environment=sandbox the offline Dodo runs in this process under /sandbox/dodo: in
    /// Development with the documented development key and secret unless others are configured; anywhere else only
    /// when DodoSandbox:AllowOutsideDevelopment=true and with a key and secret of its own (see
    /// <see cref="DodoDeploymentValidator"/>). Outside Development nothing defaults to the sandbox.
    /// </summary>
    public static WebApplicationBuilder AddDodo(this WebApplicationBuilder builder)
    {
        builder.Services.AddDodoPayments();
        builder.Services.AddSingleton<IValidateOptions<DodoOptions>, DodoDeploymentValidator>();
        builder.Services.AddScoped<DodoCustomerLink>();
        builder.Services.AddScoped<SavedCards>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<SavedCardsCache>();
        builder.Services.AddScoped<SavedCardRemoval>();
        if (!UsesSandbox(builder.Configuration, builder.Environment))
        {
            return builder;
        }

        builder.Services.AddDodoSandbox(new SandboxCatalog(CatalogSeed.Products().Select(p => new SandboxProduct(
            p.DodoProductId, p.Name, p.Description, p.Kind == Storefront.Domain.Catalog.ProductKind.Subscription, p.PriceMinor, p.Currency,
            p.BillingInterval?.ToString(), p.Kind == Storefront.Domain.Catalog.ProductKind.Subscription ? "saas" : "digital_products",
            LicenseKeyActivationsLimit: CatalogSeed.LicenseActivations.TryGetValue(p.Id, out var activations) ? activations : null,
            TrialPeriodDays: p.TrialPeriodDays)).ToList()));
        builder.Services.AddSingleton<IDodoEndpoint, SandboxDodoEndpoint>();
        // The sandbox stamps webhook-timestamp with its own clock, which the console can move forward; the store then
        // checks signatures against that same clock, as it would against a real Dodo whose clock agrees with its own.
        builder.Services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<DodoOptions>>().Value;
            return new Dodo.Payments.Webhooks.WebhookVerifier(options.WebhookSecret!, provider.GetRequiredService<SandboxClock>(),
                TimeSpan.FromSeconds(options.WebhookToleranceSeconds));
        });

        // One key and one secret on both sides: a Dodo:ApiKey / Dodo:WebhookSecret set for the sandbox is what the
        // sandbox requires and signs with. Only in Development do both fall back to the sandbox's documented values.
        var isDevelopment = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<SandboxOptions>().PostConfigure<IConfiguration>((sandbox, configuration) =>
        {
            sandbox.ApiKey = Configured(configuration, "ApiKey", "DODO_PAYMENTS_API_KEY") ?? (isDevelopment ? sandbox.ApiKey : "");
            sandbox.WebhookSecret = Configured(configuration, "WebhookSecret", "DODO_PAYMENTS_WEBHOOK_KEY") ?? (isDevelopment ? sandbox.WebhookSecret : "");
            // A demo deployment: customers reach the sandbox's checkout where they reach the store (behind its proxy),
            // not at the address the app listens on. In Development the sandbox stays on the listening address.
            if (!isDevelopment)
            {
                sandbox.PublicBaseUrl ??= configuration["Store:PublicBaseUrl"];
            }
        });
        if (isDevelopment)
        {
            builder.Services.AddOptions<DodoOptions>().PostConfigure<IOptions<SandboxOptions>>((dodo, sandbox) =>
            {
                dodo.ApiKey = string.IsNullOrWhiteSpace(dodo.ApiKey) ? sandbox.Value.ApiKey : dodo.ApiKey;
                dodo.WebhookSecret = string.IsNullOrWhiteSpace(dodo.WebhookSecret) ? sandbox.Value.WebhookSecret : dodo.WebhookSecret;
            });
        }

        return builder;
    }

    public static WebApplication MapDodoSandboxIfUsed(this WebApplication app)
    {
        if (UsesSandbox(app.Configuration, app.Environment))
        {
            app.MapDodoSandbox();
        }

        return app;
    }

    private static string? Configured(IConfiguration configuration, string key, string sdkVariable) =>
        configuration[$"{DodoOptions.Section}:{key}"] is { Length: > 0 } value ? value
        : configuration[sdkVariable] is { Length: > 0 } sdk ? sdk : null;

    /// <summary>Sandbox only when configured, and outside Development only when a demo deployment opted in.</summary>
    internal static bool UsesSandbox(IConfiguration configuration, IHostEnvironment environment) =>
        configuration[$"{DodoOptions.Section}:{nameof(DodoOptions.Environment)}"] == DodoOptions.Sandbox
        && (environment.IsDevelopment() || DodoDeploymentValidator.SandboxAllowedOutsideDevelopment(configuration));

    /// <summary>The sandbox's API lives at this app's own address unless Dodo:BaseUrl points elsewhere.</summary>
    private sealed class SandboxDodoEndpoint(IOptions<DodoOptions> options, SandboxEndpointAddress sandbox) : IDodoEndpoint
    {
        public Uri BaseAddress => options.Value.ConfiguredBaseAddress() ?? sandbox.ApiBaseAddress();
    }
}
