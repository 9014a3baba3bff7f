using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Storefront.Web.Components.Account;
using Storefront.Web.Data;

namespace Storefront.Web.Identity;

public static class IdentityRegistration
{
    /// <summary>The Identity table layout the hand-written migrations create (keys of 128 characters, no passkeys).</summary>
    public static readonly Version SchemaVersion = IdentitySchemaVersions.Version2;

    /// <summary>Services a bare context needs to build the same model as the app (tests, tools).</summary>
    public static IServiceProvider ModelServices() =>
        new ServiceCollection().Configure<IdentityOptions>(options => options.Stores.SchemaVersion = SchemaVersion).BuildServiceProvider();

    public static WebApplicationBuilder AddStorefrontIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DemoAccountsOptions>()
            .BindConfiguration(DemoAccountsOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddHttpContextAccessor();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/Login";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            // JSON API callers get status codes, not a redirect to an HTML login page.
            cookie.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin));

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.Stores.SchemaVersion = SchemaVersion;
                // A new account signs in only after its owner confirmed the address: registration then answers the same
                // whether or not the address already had an account (the email tells the owner which it was).
                options.SignIn.RequireConfirmedAccount = true;
                options.User.RequireUniqueEmail = true;
                PasswordPolicy.Apply(options.Password);
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<StorefrontDbContext>()
            .AddSignInManager<UniformTimingSignInManager>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddDefaultTokenProviders();
        services.Configure<DataProtectionTokenProviderOptions>(tokens => tokens.TokenLifespan = TimeSpan.FromHours(2));
        services.AddScoped<AccountEmails>();

        return builder;
    }

    private static Task ApiAwareRedirect(
        Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context,
        int statusCode)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = statusCode;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
