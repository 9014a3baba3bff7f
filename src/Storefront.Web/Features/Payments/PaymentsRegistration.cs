using Dodo.Payments;
using Dodo.Sandbox;
using Microsoft.Extensions.Options;
using Storefront.Web.Data.Seed;

namespace Storefront.Web.Features.Payments;

public static class PaymentsRegistration
{
    /// <summary>
    /// The Dodo client. With Dodo:Environment=sandbox (the default) the offline Dodo runs in this process under
    /// /sandbox/dodo, with the documented development key and webhook secret unless others are configured.
    /// </summary>
    public static WebApplicationBuilder AddDodo(this WebApplicationBuilder builder)
    {
        builder.Services.AddDodoPayments();
        if (!UsesSandbox(builder.Configuration))
        {
            return builder;
        }

        builder.Services.AddDodoSandbox(new SandboxCatalog(CatalogSeed.Products().Select(p => new SandboxProduct(
            p.DodoProductId, p.Name, p.Description, p.Kind == Storefront.Domain.Catalog.ProductKind.Subscription, p.PriceMinor, p.Currency,
            p.BillingInterval?.ToString(), p.Kind == Storefront.Domain.Catalog.ProductKind.Subscription ? "saas" : "digital_products")).ToList()));
        builder.Services.AddSingleton<IDodoEndpoint, SandboxDodoEndpoint>();
        // One key and one secret on both sides: a Dodo:ApiKey / Dodo:WebhookSecret set for the sandbox is what the
        // sandbox requires and signs with; otherwise both use the sandbox's documented development values.
        builder.Services.AddOptions<SandboxOptions>().PostConfigure<IConfiguration>((sandbox, configuration) =>
        {
            sandbox.ApiKey = Configured(configuration, "ApiKey", "DODO_PAYMENTS_API_KEY") ?? sandbox.ApiKey;
            sandbox.WebhookSecret = Configured(configuration, "WebhookSecret", "DODO_PAYMENTS_WEBHOOK_KEY") ?? sandbox.WebhookSecret;
        });
        builder.Services.AddOptions<DodoOptions>().PostConfigure<IOptions<SandboxOptions>>((dodo, sandbox) =>
        {
            dodo.ApiKey = string.IsNullOrWhiteSpace(dodo.ApiKey) ? sandbox.Value.ApiKey : dodo.ApiKey;
            dodo.WebhookSecret = string.IsNullOrWhiteSpace(dodo.WebhookSecret) ? sandbox.Value.WebhookSecret : dodo.WebhookSecret;
        });
        return builder;
    }

    public static WebApplication MapDodoSandboxIfUsed(this WebApplication app)
    {
        if (UsesSandbox(app.Configuration))
        {
            app.MapDodoSandbox();
        }

        return app;
    }

    private static string? Configured(IConfiguration configuration, string key, string sdkVariable) =>
        configuration[$"{DodoOptions.Section}:{key}"] is { Length: > 0 } value ? value
        : configuration[sdkVariable] is { Length: > 0 } sdk ? sdk : null;

    private static bool UsesSandbox(IConfiguration configuration) =>
        (configuration[$"{DodoOptions.Section}:{nameof(DodoOptions.Environment)}"] ?? DodoOptions.Sandbox) == DodoOptions.Sandbox;

    /// <summary>The sandbox's API lives at this app's own address unless Dodo:BaseUrl points elsewhere.</summary>
    private sealed class SandboxDodoEndpoint(IOptions<DodoOptions> options, SandboxEndpointAddress sandbox) : IDodoEndpoint
    {
        public Uri BaseAddress => options.Value.ConfiguredBaseAddress() ?? sandbox.ApiBaseAddress();
    }
}
