using System.Net;
using Dodo.Payments.Models;
using Dodo.Payments.Webhooks;

namespace Dodo.Sandbox.Tests;

[Collection(SandboxCollection.Name)]
public sealed class HostedCheckoutTests(SandboxHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Card4242_Succeeds_SavesTheCardAndRedirectsWithPaymentIdAndStatus()
    {
        var purchase = await Shopper.BuyAsync(host, SandboxHost.Addon);

        Assert.Equal(HttpStatusCode.Redirect, purchase.Status);
        Assert.StartsWith("https://shop.example/return?", purchase.Location, StringComparison.Ordinal);
        Assert.Equal("succeeded", purchase.Query("status"));
        var payment = await host.Client.GetPaymentAsync(purchase.Query("payment_id")!, Ct);
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal(1900, payment.TotalAmount);
        var card = await Shopper.SavedCardAsync(host, purchase.CustomerId!);
        Assert.Equal(("VISA", "4242", "06", "2032"), (card.Card!.CardNetwork, card.Card.Last4Digits, card.Card.ExpiryMonth, card.Card.ExpiryYear));
    }

    [Fact]
    public async Task Card4242_Succeeds_SendsASignedPaymentSucceededWebhook()
    {
        var purchase = await Shopper.BuyAsync(host, SandboxHost.Addon);
        var paymentId = purchase.Query("payment_id")!;

        var webhook = await host.WaitForWebhookAsync(w => w.Event.Type == WebhookEventTypes.PaymentSucceeded && w.Event.PaymentData().PaymentId == paymentId, "payment.succeeded");

        Assert.Equal(WebhookVerification.Valid, webhook.Verification);
        Assert.Equal(purchase.CustomerId, webhook.Event.PaymentData().Customer.CustomerId);
        Assert.StartsWith("msg_", webhook.WebhookId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Shopper.GenericDecline, "GENERIC_DECLINE")]
    [InlineData(Shopper.InsufficientFunds, "INSUFFICIENT_FUNDS")]
    public async Task DecliningCard_StaysOnThePageWithTheReasonAndSendsPaymentFailed(string card, string code)
    {
        var purchase = await Shopper.BuyAsync(host, SandboxHost.Addon, card);

        Assert.Equal(HttpStatusCode.PaymentRequired, purchase.Status);
        Assert.Contains(code, purchase.Html, StringComparison.Ordinal);
        var failed = await host.WaitForWebhookAsync(w => w.Event.Type == WebhookEventTypes.PaymentFailed && w.Event.PaymentData().Customer.CustomerId == purchase.CustomerId, "payment.failed");
        Assert.Equal(code, failed.Event.PaymentData().ErrorCode);
        Assert.Empty((await host.Client.ListPaymentMethodsAsync(purchase.CustomerId!, Ct)).Items);
    }

    [Theory]
    [InlineData("01/20", "123", "expired")]
    [InlineData("13/32", "123", "MM/YY")]
    [InlineData("06/32", "12", "security code")]
    [InlineData("06/32", "12a", "security code")]
    public async Task BadExpiryOrCvc_IsRefusedWithAReasonAndNothingIsCharged(string expiry, string cvc, string reason)
    {
        var purchase = await Shopper.BuyAsync(host, SandboxHost.Addon, Shopper.Visa, expiry: expiry, cvc: cvc);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, purchase.Status);
        Assert.Contains(reason, purchase.Html, StringComparison.Ordinal);
        Assert.Null(purchase.CustomerId);
    }

    [Fact]
    public async Task NotATestCard_IsRefused()
    {
        var purchase = await Shopper.BuyAsync(host, SandboxHost.Addon, "4111111111111111");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, purchase.Status);
        Assert.Contains("test cards", purchase.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecurringProduct_CreatesAnActiveSubscriptionWithBillingDates()
    {
        var purchase = await Shopper.BuyAsync(host, SandboxHost.Basic);

        Assert.Equal("active", purchase.Query("status"));
        var subscription = await host.Client.GetSubscriptionAsync(purchase.Query("subscription_id")!, Ct);
        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
        Assert.Equal(3000, subscription.RecurringPreTaxAmount);
        Assert.Equal(subscription.PreviousBillingDate.AddMonths(1), subscription.NextBillingDate);
        Assert.NotNull(subscription.PaymentMethodId);
        await host.WaitForWebhookAsync(w => w.Event.Type == WebhookEventTypes.SubscriptionActive && w.Event.SubscriptionData().SubscriptionId == subscription.SubscriptionId, "subscription.active");
    }

    [Fact]
    public async Task SecondPurchaseWithTheSameEmail_ReusesTheCustomer()
    {
        var first = await Shopper.BuyAsync(host, SandboxHost.Addon);
        var second = await Shopper.BuyAsync(host, SandboxHost.Addon, email: first.Email);

        var customers = await host.Client.ListCustomersAsync(new CustomerListQuery { Email = first.Email }, Ct);
        Assert.Single(customers.Items);
        Assert.Equal(first.CustomerId, second.CustomerId);
    }
}
