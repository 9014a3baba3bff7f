using System.Diagnostics;
using System.Globalization;
using Dodo.Sandbox.Control;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;
using Storefront.E2ETests.Pages;
using Storefront.Testing;
using Storefront.Web.Data;
using Storefront.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace Storefront.E2ETests;

/// <summary>
/// Two stores on one PostgreSQL database behind nginx with the README's sticky (ip_hash) configuration. Each store's
/// sandbox delivers its webhooks to the other store, so the payment made through the instance the browser is on is
/// processed by the other instance, and the customer's open page must still turn Paid (LISTEN/NOTIFY, ADR-0017).
/// </summary>
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private const string Nginx = "/usr/sbin/nginx";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "storefront-two-instances", Guid.NewGuid().ToString("N"));
    private string? database;
    private StorefrontAppFactory? first;
    private StorefrontAppFactory? second;
    private Process? proxy;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public async ValueTask InitializeAsync()
    {
        var server = Environment.GetEnvironmentVariable("STOREFRONT_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            return;
        }

        if (!File.Exists(Nginx))
        {
            throw new InvalidOperationException($"nginx is not installed at {Nginx}. Run tests/run.sh (it installs Debian's nginx).");
        }

        database = new NpgsqlConnectionStringBuilder(server) { Database = "storefront_e2e_" + Guid.NewGuid().ToString("N")[..12] }.ToString();
        var (firstPort, secondPort, proxyPort) = (StorefrontAppFactory.FreeLoopbackPort(), StorefrontAppFactory.FreeLoopbackPort(), StorefrontAppFactory.FreeLoopbackPort());
        first = Instance(deliverWebhooksTo: secondPort);
        first.StartOnLoopback(firstPort); // migrates and seeds the shared database before the second starts
        second = Instance(deliverWebhooksTo: firstPort);
        second.StartOnLoopback(secondPort);
        proxy = StartNginx(proxyPort, firstPort, secondPort);
        ProxyAddress = new Uri($"http://127.0.0.1:{proxyPort}/");
        await WaitForProxyAsync();

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserSession.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    private Uri ProxyAddress { get; set; } = default!;

    [Fact]
    public async Task PaymentProcessedByTheOtherInstance_TurnsTheCustomersOpenPagePaid()
    {
        if (database is null)
        {
            Assert.Skip("STOREFRONT_TEST_POSTGRES is not set; tests/run.sh sets it after starting PostgreSQL.");
        }

        var email = await NewCustomerAsync();
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = ProxyAddress.ToString() });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await new SignInPage(page).SignInAsync(email, BrowserSession.CustomerPassword);
        await Expect(page).ToHaveURLAsync(ProxyAddress.ToString());

        // Webhooks wait until the customer's page is open, so that it is the live update, not the first render, that shows Paid.
        Sandboxes(held: true);
        var product = new ProductPage(page);
        await product.OpenAsync("starter-course");
        await product.BuyAsync();
        await new DodoCheckoutPage(page).PayAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/orders/"));
        var order = new OrderPage(page);
        await page.Locator("[data-interactive=true]").First.WaitForAsync();
        await Expect(order.Status).Not.ToHaveTextAsync("Paid");
        Assert.StartsWith(ProxyAddress.GetLeftPart(UriPartial.Authority), page.Url, StringComparison.Ordinal);

        Sandboxes(held: false);

        await Expect(order.Status).ToHaveTextAsync("Paid", new() { Timeout = 20_000 });
    }

    /// <summary>The browser's instance (ip_hash) made the payment on its own sandbox, which delivers to the other instance.</summary>
    private void Sandboxes(bool held)
    {
        first!.Services.GetRequiredService<SandboxControls>().HoldDeliveries = held;
        second!.Services.GetRequiredService<SandboxControls>().HoldDeliveries = held;
    }

    private StorefrontAppFactory Instance(int deliverWebhooksTo) => new StorefrontAppFactory()
        .WithSetting("Database:Provider", "Postgres")
        .WithSetting("ConnectionStrings:Storefront", database)
        .WithSetting("DodoSandbox:WebhookUrl", $"http://127.0.0.1:{deliverWebhooksTo}/webhooks/dodo")
        // The webhook, not the order page's fallback lookup at Dodo, must be what turns the order paid.
        .WithSetting("Store:PaymentLookupAfterSeconds", "600");

    private async Task<string> NewCustomerAsync()
    {
        var email = $"e2e-{Guid.NewGuid():N}@storefront.test";
        await using var scope = first!.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Two Instances" };
        (await users.CreateAsync(user, BrowserSession.CustomerPassword)).ThrowIfFailed();
        (await users.AddToRoleAsync(user, Roles.Customer)).ThrowIfFailed();
        return email;
    }

    /// <summary>The README's configuration (ip_hash, WebSocket upgrade), with the paths nginx writes under the test's folder.</summary>
    private Process StartNginx(int proxyPort, int firstPort, int secondPort)
    {
        Directory.CreateDirectory(folder);
        var config = Path.Combine(folder, "nginx.conf");
        File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $$"""
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                upstream storefront {
                    ip_hash;
                    server 127.0.0.1:{{firstPort}};
                    server 127.0.0.1:{{secondPort}};
                }
                server {
                    listen 127.0.0.1:{{proxyPort}};
                    location / {
                        proxy_pass http://storefront;
                        proxy_set_header Host $http_host;
                        proxy_http_version 1.1;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection "upgrade";
                    }
                }
            }
            """));
        return Process.Start(new ProcessStartInfo(Nginx, ["-c", config, "-p", folder, "-g", "daemon off;"]) { RedirectStandardError = true })
            ?? throw new InvalidOperationException("nginx did not start.");
    }

    private async Task WaitForProxyAsync()
    {
        using var client = new HttpClient { BaseAddress = ProxyAddress };
        await Wait.UntilAsync(async () =>
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "nginx in front of both stores");
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (proxy is { HasExited: false })
        {
            proxy.Kill();
            await proxy.WaitForExitAsync();
        }

        proxy?.Dispose();
        foreach (var instance in new[] { second, first })
        {
            if (instance is not null)
            {
                await instance.DisposeAsync();
            }
        }

        if (database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Database = "postgres" }.ToString());
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(database).Database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
