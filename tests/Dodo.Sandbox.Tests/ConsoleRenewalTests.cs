using System.Net;
using Dodo.Payments.Models;

namespace Dodo.Sandbox.Tests;

/// <summary>
/// The console's "Advance to the next renewal": whatever the month's length, the clock lands just past the renewal
/// and it is charged once. A sandbox of its own, so no other test's subscription renews first.
/// </summary>
public sealed class ConsoleRenewalTests : IAsyncLifetime
{
    private readonly SandboxHost host = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => host.InitializeAsync();

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task AdvanceToTheNextRenewal_ChargesItOnce_AndTheConsoleNamesTheCustomer()
    {
        var subscription = await new PlanChangeTests(host).SubscribeAsync(SandboxHost.Basic, Shopper.Visa);
        var person = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = host.Address,
        };
        await ConsoleForm.PostAsync(person, "sandbox/dodo/console/key", await person.GetStringAsync(new Uri("sandbox/dodo/console", UriKind.Relative), Ct),
            new() { ["api_key"] = SandboxOptions.DevelopmentApiKey });
        var console = await person.GetStringAsync(new Uri("sandbox/dodo/console", UriKind.Relative), Ct);
        Assert.Contains("<th scope=\"col\">Customer</th>", console, StringComparison.Ordinal);
        Assert.Contains(subscription.Customer.Email, console, StringComparison.Ordinal);

        using var advanced = await ConsoleForm.PostAsync(person, "sandbox/dodo/console/advance-to-renewal", console, []);

        Assert.Equal(HttpStatusCode.Redirect, advanced.StatusCode);
        var renewed = await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct);
        Assert.Equal(subscription.NextBillingDate, renewed.PreviousBillingDate);
        var now = await SandboxClockHelper.NowAsync(host);
        Assert.InRange(now, subscription.NextBillingDate, subscription.NextBillingDate.AddMinutes(2));
        var payments = await host.Client.ListPaymentsAsync(new PaymentListQuery { SubscriptionId = subscription.SubscriptionId }, Ct);
        Assert.Equal(2, payments.Items.Count(p => p.Status == PaymentStatus.Succeeded));
    }
}
