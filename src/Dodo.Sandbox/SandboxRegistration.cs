using Dodo.Sandbox.Api;
using Dodo.Sandbox.Billing;
using Dodo.Sandbox.Checkout;
using Dodo.Sandbox.Control;
using Dodo.Sandbox.Data;
using Dodo.Sandbox.Portal;
using Dodo.Sandbox.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dodo.Sandbox;

public static class SandboxRegistration
{
    /// <summary>Registers the offline Dodo: its database, billing, hosted checkout and webhook dispatcher.</summary>
    public static IServiceCollection AddDodoSandbox(this IServiceCollection services, SandboxCatalog catalog)
    {
        services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddDbContextFactory<SandboxDbContext>((provider, options) =>
        {
            var path = provider.GetRequiredService<IOptions<SandboxOptions>>().Value.DatabasePath;
            if (string.IsNullOrWhiteSpace(path))
            {
                var folder = Path.Combine(provider.GetRequiredService<IHostEnvironment>().ContentRootPath, "data");
                Directory.CreateDirectory(folder);
                path = Path.Combine(folder, "dodo-sandbox.db");
            }

            options.UseSqlite(new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30 }.ToString());
        });

        services.AddSingleton(catalog);
        services.AddSingleton(provider => new SandboxClock(TimeProvider.System));
        services.AddSingleton<SandboxControls>();
        services.AddSingleton<WebhookOutbox>();
        services.AddSingleton<SandboxEndpointAddress>();
        services.AddSingleton<SandboxTransaction>();
        services.AddSingleton<Charges>();
        services.AddSingleton<LicenseKeys>();
        services.AddSingleton<SubscriptionBilling>();
        services.AddSingleton<CheckoutSessions>();
        services.AddSingleton<HostedCheckout>();
        services.AddSingleton<Authentication>();
        services.AddSingleton<Refunds>();
        services.AddSingleton<ApiKeyAndFaultsFilter>();
        services.AddAntiforgery();
        services.AddSingleton<ConsoleAccess>();
        services.AddSingleton<DropAfterChargeFilter>();
        services.AddHttpClient(WebhookDispatcher.HttpClientName);
        services.AddHostedService<SandboxInitializer>();
        services.AddHostedService<WebhookDispatcher>();
        services.AddHostedService<SettlementWorker>();
        return services;
    }

    /// <summary>Mounts Dodo's paths under the sandbox prefix, plus the hosted checkout page and the console.</summary>
    public static IEndpointRouteBuilder MapDodoSandbox(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<SandboxOptions>>().Value;
        // A third party's pages and API: no antiforgery (Dodo's checkout form is not ours) and no store auth.
        var root = app.MapGroup(options.PathPrefix).DisableAntiforgery().AllowAnonymous().ExcludeFromDescription();

        var api = root.MapGroup("").AddEndpointFilter<ApiKeyAndFaultsFilter>();
        api.MapCustomers();
        api.MapProducts();
        api.MapCheckouts();
        api.MapPayments();
        api.MapSubscriptions();
        api.MapRefunds();
        api.MapDiscounts();
        api.MapLicenseKeys();
        api.MapPortalSessions();
        api.MapSandboxControls();

        root.MapGet("/checkout/{sessionId}", (string sessionId, HttpContext http, HostedCheckout page) => page.ShowAsync(sessionId, http));
        root.MapPost("/checkout/{sessionId}", (string sessionId, HttpContext http, HostedCheckout page) => page.SubmitAsync(sessionId, http));
        root.MapGet("/authenticate/{paymentId}", (string paymentId, HttpContext http, Authentication page) => page.ShowAsync(paymentId, http));
        root.MapPost("/authenticate/{paymentId}", (string paymentId, HttpContext http, Authentication page) => page.SubmitAsync(paymentId, http));
        root.MapLicenseActivation();
        root.MapInvoices();
        root.MapPortalPages();
        root.MapSandboxConsole();
        return app;
    }
}
