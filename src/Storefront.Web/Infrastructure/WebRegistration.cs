using Microsoft.AspNetCore.Antiforgery;
using Radzen;
using Storefront.Web.Components;
using Storefront.Web.Components.Account;
using Storefront.Web.Infrastructure.Security;

namespace Storefront.Web;

public static class WebRegistration
{
    public static WebApplicationBuilder AddStorefrontUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StoreOptions>()
            .BindConfiguration(StoreOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.AddStoreAddress();
        builder.AddReverseProxySupport();
        builder.AddStorefrontRateLimits();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddRadzenComponents();
        builder.Services.AddProblemDetails();
        // Over https every cookie the store sets is Secure (Identity's own cookies already follow the request).
        builder.Services.Configure<AntiforgeryOptions>(antiforgery => antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        builder.Services.AddSingleton(TimeProvider.System);
        if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddDatabaseDeveloperPageExceptionFilter();
        }

        return builder;
    }

    public static WebApplication UseStorefrontPipeline(this WebApplication app)
    {
        app.UseReverseProxySupport();
        if (app.Environment.IsDevelopment())
        {
            app.UseMigrationsEndPoint();
        }
        else
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseRequestBodyErrors();
        app.UseSecurityHeaders();
        app.UseSameOriginGuard();
        app.UseRateLimiter();

        // Friendly error pages for people; machines (API, webhooks, the sandbox Dodo) get their own status codes and
        // bodies, the API's as ProblemDetails.
        app.UseWhen(context => !IsMachineEndpoint(context.Request.Path),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseStoreAssets();
        app.UseOutputCache();
        app.UseAntiforgery();
        return app;
    }

    private static bool IsMachineEndpoint(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/webhooks") || path.StartsWithSegments("/sandbox");

    public static WebApplication MapStorefrontPages(this WebApplication app)
    {
        app.MapStaticAssets();
        // The whole Content-Security-Policy, frame-ancestors included, comes from SecurityHeaders.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(server => server.ContentSecurityFrameAncestorsPolicy = null);
        app.MapAdditionalIdentityEndpoints();
        return app;
    }
}
