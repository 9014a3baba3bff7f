using System.Net;
using System.Net.Http.Json;
using Dodo.Payments.Models;
using Dodo.Payments.Webhooks;
using Storefront.Testing;

namespace Dodo.Sandbox.Tests;

/// <summary>
/// The awkward parts of Dodo the store must survive (shared/dodo-api/README.md §6, §9, §10): one-click charges settle
/// asynchronously, a 3-D Secure card asks the customer, an unanswered challenge is cancelled, and each webhook
/// delivery carries the resource's latest state.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class AsynchronousPaymentTests(SandboxHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OneClick_AnswersProcessing_ThenSucceeds_WithProcessingAndSucceededWebhooks()
    {
        var (customerId, methodId) = await CustomerWithCardAsync(Shopper.Visa);

        var session = await host.Client.CreateCheckoutSessionAsync(OneClickRuleTests.OneClick(customerId, methodId, SandboxHost.Addon), Ct);

        Assert.Equal(PaymentStatus.Processing, (await host.Client.GetPaymentAsync(session.PaymentId!, Ct)).Status);
        Assert.Equal(PaymentStatus.Succeeded, (await host.SettledPaymentAsync(session.PaymentId!)).Status);
        await host.WaitForWebhookAsync(w => w.Event.Type == WebhookEventTypes.PaymentProcessing && w.Event.PaymentData().PaymentId == session.PaymentId, "payment.processing");
        await host.WaitForWebhookAsync(w => w.Event.Type == WebhookEventTypes.PaymentSucceeded && w.Event.PaymentData().PaymentId == session.PaymentId, "payment.succeeded");
    }

    [Fact]
    public async Task AWebhookDeliveredLate_CarriesTheLatestState_NotASnapshot()
    {
        var (customerId, methodId) = await CustomerWithCardAsync(Shopper.Visa);
        host.Controls.HoldDeliveries = true;
        try
        {
            var session = await host.Client.CreateCheckoutSessionAsync(OneClickRuleTests.OneClick(customerId, methodId, SandboxHost.Addon), Ct);
            await host.SettledPaymentAsync(session.PaymentId!);
            host.Controls.HoldDeliveries = false;

            var processing = await host.WaitForWebhookAsync(
                w => w.Event.Type == WebhookEventTypes.PaymentProcessing && w.Event.PaymentData().PaymentId == session.PaymentId, "the held payment.processing");
            Assert.Equal(PaymentStatus.Succeeded, processing.Event.PaymentData().Status);
            Assert.Equal(WebhookVerification.Valid, processing.Verification);
        }
        finally
        {
            host.Controls.HoldDeliveries = false;
        }
    }

    [Fact]
    public async Task ThreeDSecureCard_AtCheckout_ShowsTheBanksStep_AndPaysOnlyAfterIt()
    {
        var email = $"threeds-{Guid.NewGuid():N}@example.com";
        var session = await host.Client.CreateCheckoutSessionAsync(new CheckoutSessionRequest
        {
            ProductCart = [new ProductCartItem { ProductId = SandboxHost.Addon, Quantity = 1 }],
            Customer = CustomerRequest.New(email, "Test Buyer"),
            ReturnUrl = "https://shop.example/return",
            FeatureFlags = new CheckoutFeatureFlags { RedirectImmediately = true },
        }, Ct);

        using var challenge = await Shopper.PayAsync(host, session.CheckoutUrl!, Shopper.ThreeDSecure, email);
        var html = await challenge.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, challenge.StatusCode);
        Assert.Contains("Confirm your payment", html, StringComparison.Ordinal);
        Assert.Empty((await host.Client.ListCustomersAsync(new CustomerListQuery { Email = email }, Ct)).Items);

        using var failed = await Shopper.PayAsync(host, session.CheckoutUrl!, Shopper.ThreeDSecure, email, authentication: "failed");
        Assert.Equal(HttpStatusCode.PaymentRequired, failed.StatusCode);
        using var paid = await Shopper.PayAsync(host, session.CheckoutUrl!, Shopper.ThreeDSecure, email, authentication: "passed");
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);

        var customerId = (await host.Client.ListCustomersAsync(new CustomerListQuery { Email = email }, Ct)).Items.Single().CustomerId;
        var payments = (await host.Client.ListPaymentsAsync(new PaymentListQuery { CustomerId = customerId }, Ct)).Items;
        Assert.Equal([PaymentStatus.Failed, PaymentStatus.Succeeded], payments.OrderBy(p => p.Status == PaymentStatus.Succeeded).Select(p => p.Status));
        Assert.Equal("AUTHENTICATION_FAILURE", (await host.Client.GetPaymentAsync(payments.Single(p => p.Status == PaymentStatus.Failed).PaymentId, Ct)).ErrorCode);
    }

    [Fact]
    public async Task ThreeDSecureCard_OneClick_WaitsForTheCustomer_ThenProcessesAndSucceeds()
    {
        var (customerId, methodId) = await CustomerWithCardAsync(Shopper.ThreeDSecure);

        var session = await host.Client.CreateCheckoutSessionAsync(
            OneClickRuleTests.OneClick(customerId, methodId, SandboxHost.Addon) with { ReturnUrl = "https://shop.example/orders/1" }, Ct);

        Assert.NotNull(session.CheckoutUrl);
        Assert.Equal(PaymentStatus.RequiresCustomerAction, (await host.Client.GetPaymentAsync(session.PaymentId!, Ct)).Status);
        var page = await host.Browser.GetStringAsync(new Uri(session.CheckoutUrl), Ct);
        Assert.Contains("$19.00", page, StringComparison.Ordinal);

        using var answer = await host.Browser.PostAsync(new Uri(session.CheckoutUrl), new FormUrlEncodedContent(new Dictionary<string, string> { ["authentication"] = "passed" }), Ct);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.StartsWith("https://shop.example/orders/1?payment_id=" + session.PaymentId, answer.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(PaymentStatus.Succeeded, (await host.SettledPaymentAsync(session.PaymentId!)).Status);
    }

    [Fact]
    public async Task ThreeDSecureCard_OneClick_FailedChallenge_FailsThePayment()
    {
        var (customerId, methodId) = await CustomerWithCardAsync(Shopper.ThreeDSecure);
        var session = await host.Client.CreateCheckoutSessionAsync(OneClickRuleTests.OneClick(customerId, methodId, SandboxHost.Addon), Ct);

        using var answer = await host.Browser.PostAsync(new Uri(session.CheckoutUrl!), new FormUrlEncodedContent(new Dictionary<string, string> { ["authentication"] = "failed" }), Ct);

        var payment = await host.Client.GetPaymentAsync(session.PaymentId!, Ct);
        Assert.Equal(PaymentStatus.Failed, payment.Status);
        Assert.Equal("AUTHENTICATION_FAILURE", payment.ErrorCode);
        await host.WaitForWebhookAsync(w => w.Event.Type == WebhookEventTypes.PaymentFailed && w.Event.PaymentData().PaymentId == session.PaymentId, "payment.failed");
    }

    [Fact]
    public async Task ThreeDSecureCard_OneClick_UnansweredChallenge_IsCancelledWhenItLapses()
    {
        var (customerId, methodId) = await CustomerWithCardAsync(Shopper.ThreeDSecure);
        var session = await host.Client.CreateCheckoutSessionAsync(OneClickRuleTests.OneClick(customerId, methodId, SandboxHost.Addon), Ct);

        using var advanced = await host.Http.PostAsJsonAsync("_sandbox/clock/advance", new { hours = 1 }, Ct);
        advanced.EnsureSuccessStatusCode();

        var cancelled = await host.WaitForWebhookAsync(
            w => w.Event.Type == WebhookEventTypes.PaymentCancelled && w.Event.PaymentData().PaymentId == session.PaymentId, "payment.cancelled");
        Assert.Equal(PaymentStatus.Cancelled, cancelled.Event.PaymentData().Status);
        Assert.Equal(WebhookVerification.Valid, cancelled.Verification);
        Assert.Equal(PaymentStatus.Cancelled, (await host.Client.GetPaymentAsync(session.PaymentId!, Ct)).Status);
    }

    [Fact]
    public async Task WebhookTimestampHeader_IsOnTheSandboxClock_LikeTheEnvelope()
    {
        using var advanced = await host.Http.PostAsJsonAsync("_sandbox/clock/advance", new { hours = 5 }, Ct);
        advanced.EnsureSuccessStatusCode();
        var purchase = await Shopper.BuyAsync(host, SandboxHost.Addon);

        var delivered = await host.WaitForWebhookAsync(w => w.Event.Type == WebhookEventTypes.PaymentSucceeded
            && w.Event.PaymentData().Customer.CustomerId == purchase.CustomerId, "payment.succeeded after moving the clock");

        Assert.Equal(WebhookVerification.Valid, delivered.Verification);
        var sandboxNow = await SandboxClockHelper.NowAsync(host);
        Assert.InRange(delivered.Event.Timestamp, sandboxNow.AddMinutes(-1), sandboxNow.AddSeconds(1));
    }

    private async Task<(string CustomerId, string MethodId)> CustomerWithCardAsync(string card)
    {
        var purchase = await Shopper.BuyAsync(host, SandboxHost.Addon, card, authentication: card == Shopper.ThreeDSecure ? "passed" : null);
        Assert.Equal(HttpStatusCode.Redirect, purchase.Status);
        return (purchase.CustomerId!, (await Shopper.SavedCardAsync(host, purchase.CustomerId!)).PaymentMethodId);
    }
}
