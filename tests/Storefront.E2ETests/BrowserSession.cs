using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Storefront.Web.Data;
using Storefront.Web.Identity;
using Storefront.Testing;

namespace Storefront.E2ETests;

/// <summary>
/// One store on a loopback port and one Debian Chromium for a test collection. Each test gets its own
/// browser context (its own cookies), so tests do not see each other's sign-ins.
/// Chromium must be at /usr/bin/chromium (tests/run.sh installs it); a missing browser fails the run, never skips it.
/// </summary>
public sealed class BrowserSession : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    /// <summary>The store's emails go to a real SMTP server; tests read what it received (as a customer reads their inbox).</summary>
    public SmtpServer Mail { get; private set; } = default!;

    public StorefrontAppFactory App { get; private set; } = default!;

    /// <summary>The store's clock: real time until a test moves it forward (and back, when it ends). Dodo's clock is not moved.</summary>
    public ShiftableClock Clock { get; } = new();

    /// <summary>Everything Chromium refused under the store's Content-Security-Policy, across all pages of the run.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> CspViolations { get; } = new();

    public Uri BaseUrl { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ChromiumPath}. Run tests/run.sh (it installs Debian's chromium) or 'apt-get install -y chromium'.");
        }

        Mail = await SmtpServer.StartAsync();
        // Webhooks, not the order page's fallback lookup, must be what turns an order paid in these tests.
        App = new StorefrontAppFactory()
            .WithSetting("Store:PaymentLookupAfterSeconds", "600")
            .WithSetting("Email:Smtp:Host", "127.0.0.1")
            .WithSetting("Email:Smtp:Port", Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithSetting("Email:Smtp:EnableSsl", "false")
            .WithServices(services => services.AddSingleton<TimeProvider>(Clock));
        BaseUrl = App.StartOnLoopback();
        playwright = await Playwright.CreateAsync();
        // Expectations wait as long as actions do: a two-core machine running the whole suite is slow at times.
        Assertions.SetDefaultExpectTimeout(15_000);
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl.ToString() });
        openContexts.Add(context);
        context.SetDefaultTimeout(15_000);
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                CspViolations.Enqueue(message.Text);
            }
        };
        return await context.NewPageAsync();
    }

    /// <summary>A fresh customer account, signed in on a new page.</summary>
    /// <param name="wanted">When given, accounts are made until one's user id satisfies it (an experiment's arm, say); only that one signs in.</param>
    public async Task<(IPage Page, string Email)> NewCustomerAsync(Func<string, bool>? wanted = null)
    {
        string email;
        var tries = 0;
        do
        {
            if (++tries > 40)
            {
                throw new InvalidOperationException("No new account satisfied the condition in 40 tries.");
            }

            email = $"e2e-{Guid.NewGuid():N}@storefront.test";
            await using var scope = App.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "E2E Shopper" };
            (await users.CreateAsync(user, CustomerPassword)).ThrowIfFailed();
            (await users.AddToRoleAsync(user, Roles.Customer)).ThrowIfFailed();
            if (wanted is null || wanted(user.Id))
            {
                break;
            }
        }
        while (true);

        var page = await NewPageAsync();
        await new Pages.SignInPage(page).SignInAsync(email, CustomerPassword);
        await Microsoft.Playwright.Assertions.Expect(page).ToHaveURLAsync(BaseUrl.ToString());
        return (page, email);
    }

    public const string CustomerPassword = "an e2e test passphrase";

    /// <summary>The demo admin, signed in on a new page.</summary>
    public async Task<IPage> NewAdminAsync()
    {
        var page = await NewPageAsync();
        await new Pages.SignInPage(page).SignInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);
        await Microsoft.Playwright.Assertions.Expect(page).ToHaveURLAsync(BaseUrl.ToString());
        return page;
    }

    private readonly List<IBrowserContext> openContexts = [];

    /// <summary>
    /// After each test (tests of a collection run one at a time): its browser contexts close, so their pages stop
    /// holding live circuits while later tests run, and the sandbox's switches and the store's clock are put back.
    /// </summary>
    public async ValueTask EndTestAsync()
    {
        foreach (var context in openContexts)
        {
            await context.CloseAsync();
        }

        openContexts.Clear();
        Get<Dodo.Sandbox.Control.SandboxControls>().Reset();
        Clock.Reset();
    }

    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>The money at Dodo: every payment of the customer with this email, in full (cart, discount, amounts).</summary>
    public async Task<IReadOnlyList<Dodo.Payments.Models.Payment>> PaymentsAtDodoAsync(string email)
    {
        await using var db = await Get<Microsoft.EntityFrameworkCore.IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync();
        var customerId = (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users, u => u.Email == email)).DodoCustomerId!;
        var dodo = Get<Dodo.Payments.DodoClient>();
        var payments = await dodo.ListPaymentsAsync(new Dodo.Payments.Models.PaymentListQuery { CustomerId = customerId, PageSize = 100 }, CancellationToken.None);
        return await Task.WhenAll(payments.Items.Select(p => dodo.GetPaymentAsync(p.PaymentId, CancellationToken.None)));
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await App.DisposeAsync();
        await Mail.DisposeAsync();
    }
}

// The browser tests run as two collections, each with its own store, sandbox and Chromium. Tests inside a collection
// run one at a time (they flip the sandbox's switches); the two collections run side by side, so the browser suite
// takes about half as long. A test class joins the collection whose tests it resembles.

/// <summary>Buying: checkout, offers, cross-sells, plan changes, and the attacks on them.</summary>
[CollectionDefinition(Name)]
public sealed class PurchaseBrowserCollection : ICollectionFixture<BrowserSession>
{
    public const string Name = "browser: purchases";
}

/// <summary>Everything else a browser sees: sign-in and the account pages, the admin pages, accessibility.</summary>
[CollectionDefinition(Name)]
public sealed class SiteBrowserCollection : ICollectionFixture<BrowserSession>
{
    public const string Name = "browser: site and admin";
}

internal static class IdentityResultExtensions
{
    public static void ThrowIfFailed(this IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
