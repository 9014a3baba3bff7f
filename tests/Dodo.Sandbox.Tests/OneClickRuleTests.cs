using System.Net;
using Dodo.Payments;
using Dodo.Payments.Models;
using Dodo.Payments.Webhooks;
using Dodo.Sandbox.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dodo.Sandbox.Tests;

/// <summary>Dodo's documented rules for charging a saved card with a checkout session (payment_method_id + confirm).</summary>
[Collection(SandboxCollection.Name)]
public sealed class OneClickRuleTests(SandboxHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OneClick_SavedCardWithConfirm_ChargesAtOnceWithoutACheckoutUrl()
    {
        var (customerId, methodId) = await CustomerWithCardAsync(Shopper.Visa);

        var session = await host.Client.CreateCheckoutSessionAsync(OneClick(customerId, methodId, SandboxHost.Addon), Ct);

        Assert.Null(session.CheckoutUrl);
        Assert.Equal(PaymentStatus.Processing, (await host.Client.GetPaymentAsync(session.PaymentId!, Ct)).Status);
        var payment = await host.SettledPaymentAsync(session.PaymentId!);
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal(session.SessionId, payment.CheckoutSessionId);
        Assert.Equal("post_purchase", payment.Metadata!["upsell_source"]);
        var status = await host.Client.GetCheckoutSessionAsync(session.SessionId, Ct);
        Assert.Equal(PaymentStatus.Succeeded, status.PaymentStatus);
    }

    [Fact]
    public async Task OneClick_WithoutConfirmTrue_IsRefusedAndNothingIsCharged()
    {
        var (customerId, methodId) = await CustomerWithCardAsync(Shopper.Visa);

        var error = await RefusedAsync(OneClick(customerId, methodId, SandboxHost.Addon) with { Confirm = null });

        Assert.Contains("confirm", error.DodoMessage, StringComparison.Ordinal);
        await AssertNoChargesAsync(customerId, expected: 1);
    }

    [Fact]
    public async Task OneClick_WithEmailInsteadOfExistingCustomerId_IsRefused()
    {
        var (customerId, methodId) = await CustomerWithCardAsync(Shopper.Visa);

        var error = await RefusedAsync(OneClick(customerId, methodId, SandboxHost.Addon) with { Customer = CustomerRequest.New("someone@example.com") });

        Assert.Contains("customer_id", error.DodoMessage, StringComparison.Ordinal);
        await AssertNoChargesAsync(customerId, expected: 1);
    }

    [Fact]
    public async Task OneClick_UnknownCustomerId_IsRefused()
    {
        var (_, methodId) = await CustomerWithCardAsync(Shopper.Visa);

        await RefusedAsync(OneClick("cus_doesNotExist000000000", methodId, SandboxHost.Addon));
    }

    [Fact]
    public async Task OneClick_AnotherCustomersCard_IsRefusedAndNothingIsCharged()
    {
        var (customerId, _) = await CustomerWithCardAsync(Shopper.Visa);
        var (_, strangersCard) = await CustomerWithCardAsync(Shopper.Visa);

        var error = await RefusedAsync(OneClick(customerId, strangersCard, SandboxHost.Addon));

        Assert.Contains("does not belong", error.DodoMessage, StringComparison.Ordinal);
        await AssertNoChargesAsync(customerId, expected: 1);
    }

    [Fact]
    public async Task OneClick_ExpiredCard_IsRefused()
    {
        var (customerId, _) = await CustomerWithCardAsync(Shopper.Visa);
        var expiredId = await AddExpiredCardAsync(customerId);

        var error = await RefusedAsync(OneClick(customerId, expiredId, SandboxHost.Addon));

        Assert.Contains("expired", error.DodoMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneClick_CardThatCannotPayInTheCurrency_IsRefused()
    {
        var (customerId, methodId) = await CustomerWithCardAsync(Shopper.Visa);

        var error = await RefusedAsync(OneClick(customerId, methodId, SandboxHost.RupeeCourse));

        Assert.Contains("INR", error.DodoMessage, StringComparison.Ordinal);
        await AssertNoChargesAsync(customerId, expected: 1);
    }

    [Fact]
    public async Task Card0341_PaysAtCheckout_ThenEveryOneClickChargeFails()
    {
        var (customerId, methodId) = await CustomerWithCardAsync(Shopper.FailsLater);

        var session = await host.Client.CreateCheckoutSessionAsync(OneClick(customerId, methodId, SandboxHost.Addon), Ct);

        var payment = await host.SettledPaymentAsync(session.PaymentId!);
        Assert.Equal(PaymentStatus.Failed, payment.Status);
        await host.WaitForWebhookAsync(w => w.Event.Type == WebhookEventTypes.PaymentFailed && w.Event.PaymentData().PaymentId == payment.PaymentId, "payment.failed for 0341");
    }

    [Fact]
    public async Task OneClick_SubscriptionProduct_CreatesASubscription()
    {
        var (customerId, methodId) = await CustomerWithCardAsync(Shopper.Visa);

        var session = await host.Client.CreateCheckoutSessionAsync(OneClick(customerId, methodId, SandboxHost.Pro), Ct);

        var payment = await host.Client.GetPaymentAsync(session.PaymentId!, Ct);
        Assert.NotNull(payment.SubscriptionId);
        Assert.Equal(SubscriptionStatus.Active, (await host.Client.GetSubscriptionAsync(payment.SubscriptionId!, Ct)).Status);
    }

    internal async Task<(string CustomerId, string MethodId)> CustomerWithCardAsync(string card)
    {
        var purchase = await Shopper.BuyAsync(host, SandboxHost.Addon, card);
        return (purchase.CustomerId!, (await Shopper.SavedCardAsync(host, purchase.CustomerId!)).PaymentMethodId);
    }

    [Fact]
    public async Task OneClick_WithoutAFullBillingAddress_IsRefusedAndNothingIsCharged()
    {
        var purchase = await Shopper.BuyAsync(host, SandboxHost.Addon);
        var customerId = purchase.CustomerId!;
        var methodId = (await Shopper.SavedCardAsync(host, customerId)).PaymentMethodId;

        var missing = await RefusedAsync(OneClick(customerId, methodId, SandboxHost.Addon) with { BillingAddress = null });
        var countryOnly = await RefusedAsync(OneClick(customerId, methodId, SandboxHost.Addon) with { BillingAddress = new BillingAddress { Country = "US" } });

        Assert.Contains("billing_address is required", missing.DodoMessage, StringComparison.Ordinal);
        Assert.Contains("street, city, zipcode", countryOnly.DodoMessage, StringComparison.Ordinal);
        await AssertNoChargesAsync(customerId, 1);
    }

    [Fact]
    public async Task OneClick_BillingAddressSent_IsStoredAndReturnedOnThePayment()
    {
        var purchase = await Shopper.BuyAsync(host, SandboxHost.Addon);
        var customerId = purchase.CustomerId!;
        var methodId = (await Shopper.SavedCardAsync(host, customerId)).PaymentMethodId;
        var address = new BillingAddress { Country = "GB", State = null, City = "Leeds", Street = "2 Park Row", Zipcode = "LS1 5HD" };

        var session = await host.Client.CreateCheckoutSessionAsync(OneClick(customerId, methodId, SandboxHost.Addon) with { BillingAddress = address }, Ct);

        var payment = await host.Client.GetPaymentAsync(session.PaymentId!, Ct);
        Assert.Equal(address, payment.Billing);
        var first = await host.Client.GetPaymentAsync(purchase.Query("payment_id")!, Ct);
        Assert.Equal(("1 Test Way", "Testville", "94000"), (first.Billing!.Street, first.Billing.City, first.Billing.Zipcode));
    }

    internal static CheckoutSessionRequest OneClick(string customerId, string methodId, string productId) => new()
    {
        ProductCart = [new ProductCartItem { ProductId = productId, Quantity = 1 }],
        Customer = CustomerRequest.Existing(customerId),
        PaymentMethodId = methodId,
        Confirm = true,
        BillingAddress = new BillingAddress { Country = "US", State = "CA", City = "San Francisco", Street = "500 Howard St", Zipcode = "94105" },
        FeatureFlags = new CheckoutFeatureFlags { RedirectImmediately = true },
        Metadata = new() { ["upsell_source"] = "post_purchase", ["original_order_id"] = "ord_1", ["offer_attempt_id"] = Guid.NewGuid().ToString("N") },
    };

    private async Task<DodoApiException> RefusedAsync(CheckoutSessionRequest request)
    {
        var error = await Assert.ThrowsAsync<DodoApiException>(() => host.Client.CreateCheckoutSessionAsync(request, Ct));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Equal("INVALID_REQUEST_PARAMETERS", error.Code);
        return error;
    }

    private async Task AssertNoChargesAsync(string customerId, int expected)
    {
        var payments = await host.Client.ListPaymentsAsync(new PaymentListQuery { CustomerId = customerId }, Ct);
        Assert.Equal(expected, payments.Items.Count);
    }

    private async Task<string> AddExpiredCardAsync(string customerId)
    {
        // The hosted page refuses expired cards, so a card that expired after it was saved is put in place directly.
        var factory = host.Services.GetRequiredService<IDbContextFactory<SandboxDbContext>>();
        await using var db = await factory.CreateDbContextAsync(Ct);
        var card = new SbPaymentMethod
        {
            Id = "pm_expired" + Guid.NewGuid().ToString("N")[..12], CustomerId = customerId, Last4 = "4242", Network = "VISA",
            CardType = "CREDIT", ExpiryMonth = "01", ExpiryYear = "2024", IssuingCountry = "US",
            Behaviour = CardBehaviour.Succeeds, Currencies = "USD", CreatedAt = DateTime.UtcNow,
        };
        db.PaymentMethods.Add(card);
        await db.SaveChangesAsync(Ct);
        return card.Id;
    }
}
