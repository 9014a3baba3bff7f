using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Dodo.Payments;
using Dodo.Payments.Models;
using Dodo.Payments.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dodo.Sandbox.Tests;

/// <summary>
/// The sandbox mounted in a bare host on 127.0.0.1 and a free port, with a webhook receiver that verifies every
/// delivery with the client's verifier and records it. One per test collection; tests make their own customers.
/// </summary>
public sealed class SandboxHost : IAsyncLifetime
{
    public const string Basic = "pdt_basic_monthly";
    public const string Pro = "pdt_pro_monthly";
    public const string Starter = "pdt_starter_monthly";
    public const string Addon = "pdt_addon_once";
    public const string RupeeCourse = "pdt_inr_course";
    public const string TwoMonthTerm = "pdt_two_month_term";
    public const string LicensedApp = "pdt_licensed_app";
    public const string ProYearly = "pdt_pro_yearly";
    public const string TrialPlan = "pdt_team_trial";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "dodo-sandbox-tests", Guid.NewGuid().ToString("N"));
    private WebApplication? app;
    private int failNextWebhooks;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public DodoClient Client { get; private set; } = default!;

    /// <summary>Raw HTTP with the API key, for requests the typed client would never send.</summary>
    public HttpClient Http { get; private set; } = default!;

    /// <summary>Plain HTTP without a key and without following redirects, like a browser on the hosted page.</summary>
    public HttpClient Browser { get; private set; } = default!;

    public Uri Address { get; private set; } = default!;

    public IServiceProvider Services => app!.Services;

    public Control.SandboxControls Controls => Services.GetRequiredService<Control.SandboxControls>();

    /// <summary>The receiver answers 500 to the next N deliveries, as a store that is down would.</summary>
    public void FailNextWebhooks(int count) => Interlocked.Exchange(ref failNextWebhooks, count);

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Configuration["DodoSandbox:DatabasePath"] = Path.Combine(folder, "sandbox.db");
        builder.Configuration["DodoSandbox:WebhookRetryTimeScale"] = "0.0001";
        builder.Services.AddDodoSandbox(new SandboxCatalog(
        [
            new(Basic, "Basic Monthly", "Basic tier", true, 3000, "USD", "Month", "saas"),
            new(Pro, "Pro Monthly", "Pro tier", true, 8000, "USD", "Month", "saas"),
            new(Starter, "Starter Monthly", "Starter tier", true, 2000, "USD", "Month", "saas"),
            new(Addon, "Advanced Recipes E-book", "Add-on", false, 1900, "USD", null, "e_book"),
            new(RupeeCourse, "Course (India)", null, false, 149900, "INR", null, "edtech"),
            new(TwoMonthTerm, "Two-month pass", "Ends after two months", true, 1500, "USD", "Month", "saas", TermCount: 2, TermInterval: "Month"),
            new(ProYearly, "Pro Yearly", "Pro, billed yearly", true, 80000, "USD", "Year", "saas"),
            new(LicensedApp, "Desktop app licence", "Two activations", false, 4900, "USD", null, "digital_products", LicenseKeyActivationsLimit: 2),
            new(TrialPlan, "Team Monthly", "Team tier, 14 days free", true, 5000, "USD", "Month", "saas", TrialPeriodDays: 14),
        ]));

        app = builder.Build();
        app.MapDodoSandbox();
        // The sandbox stamps webhook-timestamp on its own clock (which tests move forward); verify on the same clock.
        var verifier = new WebhookVerifier(SandboxOptions.DevelopmentWebhookSecret, app.Services.GetRequiredService<SandboxClock>());
        app.MapPost("/webhooks/dodo", async (HttpContext http) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var h = http.Request.Headers;
            var verification = verifier.Verify(h["webhook-id"], h["webhook-timestamp"], h["webhook-signature"], body);
            if (Interlocked.Decrement(ref failNextWebhooks) >= 0)
            {
                return Results.StatusCode(500);
            }

            Interlocked.Exchange(ref failNextWebhooks, 0);
            Received.Enqueue(new ReceivedWebhook(h["webhook-id"].ToString(), verification, WebhookEvent.Parse(body)));
            // As a store does: a delivery that does not verify is refused, and Dodo tries again with a fresh signature
            // (one stamped just before a test moved the sandbox clock is out of tolerance by the time it arrives).
            return verification == WebhookVerification.Valid ? Results.Ok() : Results.Unauthorized();
        });
        await app.StartAsync();

        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        var api = new Uri(Address, "sandbox/dodo/");
        Http = new HttpClient { BaseAddress = api };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SandboxOptions.DevelopmentApiKey);
        Client = new DodoClient(new HttpClient(new IdempotentRetryHandler(2, TimeSpan.FromMilliseconds(10)) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = api,
            DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", SandboxOptions.DevelopmentApiKey) },
        });
        Browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Address };
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder.
        }
    }

    /// <summary>Waits until a delivered webhook matches, or fails the test after the timeout.</summary>
    public Task<ReceivedWebhook> WaitForWebhookAsync(Func<ReceivedWebhook, bool> match, string description, int timeoutMs = 10_000) =>
        Storefront.Testing.Wait.UntilAsync(() => Task.FromResult(Received.FirstOrDefault(match)),
            $"a webhook matching {description} (received so far: {string.Join(", ", Received.Select(r => r.Event.Type))})", timeoutMs);

    /// <summary>Reads the payment until it leaves processing (one-click payments settle asynchronously, as Dodo's do).</summary>
    public Task<Payment> SettledPaymentAsync(string paymentId) => Storefront.Testing.Wait.UntilAsync(async () =>
    {
        var payment = await Client.GetPaymentAsync(paymentId, TestContext.Current.CancellationToken);
        return payment.Status == PaymentStatus.Processing ? null : payment;
    }, $"payment {paymentId} to settle");

    public IEnumerable<ReceivedWebhook> WebhooksFor(string resourceId) =>
        Received.Where(r => r.Event.Data.ToString().Contains(resourceId, StringComparison.Ordinal));
}

public sealed record ReceivedWebhook(string WebhookId, WebhookVerification Verification, WebhookEvent Event);

[CollectionDefinition(Name)]
public sealed class SandboxCollection : ICollectionFixture<SandboxHost>
{
    public const string Name = "sandbox";
}
