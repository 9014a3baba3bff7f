using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dodo.Payments;
using Dodo.Payments.Models;
using Dodo.Payments.Webhooks;

namespace Dodo.Sandbox.Tests;

/// <summary>
/// Free trials as Dodo runs them: the product's price has trial_period_days (a checkout may override it); the checkout
/// takes the card but charges nothing, the subscription is active with its first billing date at the trial's end,
/// any immediate plan change ends the trial and charges now ([DOCnew]), and a plan cancelled in its trial ends then.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class TrialTests(SandboxHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheProduct_StatesItsTrial()
    {
        var product = await host.Client.GetProductAsync(SandboxHost.TrialPlan, Ct);

        Assert.Equal(14, product.Price.TrialPeriodDays);
    }

    [Fact]
    public async Task Checkout_StartsTheTrialWithoutAPayment_AndTheFirstChargeIsAtItsEnd()
    {
        var purchase = await Shopper.BuyAsync(host, SandboxHost.TrialPlan);

        Assert.Equal(HttpStatusCode.Redirect, purchase.Status);
        Assert.Equal("active", purchase.Query("status"));
        var subscription = await host.Client.GetSubscriptionAsync(purchase.Query("subscription_id")!, Ct);
        Assert.Equal((SubscriptionStatus.Active, 14, 5000L), (subscription.Status, subscription.TrialPeriodDays, subscription.RecurringPreTaxAmount));
        Assert.Equal(subscription.CreatedAt.AddDays(14), subscription.NextBillingDate);
        Assert.Empty(await PaymentsAsync(purchase.CustomerId!));
        await host.WaitForWebhookAsync(w => w.Event.Type == WebhookEventTypes.SubscriptionActive
            && w.Event.SubscriptionData() is { TrialPeriodDays: 14 } active && active.SubscriptionId == subscription.SubscriptionId, "subscription.active with the trial");

        await SandboxClockHelper.AdvanceToAsync(host, subscription.NextBillingDate);

        var charged = Assert.Single(await PaymentsAsync(purchase.CustomerId!));
        Assert.Equal((PaymentStatus.Succeeded, 5000L, subscription.SubscriptionId), (charged.Status, charged.TotalAmount, charged.SubscriptionId));
        var renewed = await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct);
        Assert.Equal(subscription.NextBillingDate, renewed.PreviousBillingDate);
        Assert.Equal(subscription.NextBillingDate.AddMonths(1), renewed.NextBillingDate);
    }

    [Fact]
    public async Task Checkout_ThatOverridesTheTrialToZero_ChargesAtOnce()
    {
        var email = $"no-trial-{Guid.NewGuid():N}@example.com";
        var session = await host.Client.CreateCheckoutSessionAsync(new CheckoutSessionRequest
        {
            ProductCart = [new ProductCartItem { ProductId = SandboxHost.TrialPlan, Quantity = 1 }],
            Customer = CustomerRequest.New(email, "Test Buyer"),
            ReturnUrl = "https://shop.example/return",
            FeatureFlags = new CheckoutFeatureFlags { RedirectImmediately = true },
            SubscriptionData = new CheckoutSubscriptionData { TrialPeriodDays = 0 },
        }, Ct);
        Assert.Contains("Pay $50.00", await host.Browser.GetStringAsync(session.CheckoutUrl, Ct), StringComparison.Ordinal);

        using var paid = await Shopper.PayAsync(host, session.CheckoutUrl!, Shopper.Visa, email);

        var customer = (await host.Client.ListCustomersAsync(new CustomerListQuery { Email = email }, Ct)).Items.Single();
        var payment = Assert.Single(await PaymentsAsync(customer.CustomerId));
        Assert.Equal(5000, payment.TotalAmount);
        var subscription = await host.Client.GetSubscriptionAsync(payment.SubscriptionId!, Ct);
        Assert.Equal(0, subscription.TrialPeriodDays);
        Assert.Equal(subscription.CreatedAt.AddMonths(1), subscription.NextBillingDate);
    }

    [Fact]
    public async Task TheCheckoutPage_SaysNothingIsChargedToday_AndWhatFollows()
    {
        var session = await host.Client.CreateCheckoutSessionAsync(new CheckoutSessionRequest
        {
            ProductCart = [new ProductCartItem { ProductId = SandboxHost.TrialPlan, Quantity = 1 }],
            Customer = CustomerRequest.New($"page-{Guid.NewGuid():N}@example.com", "Test Buyer"),
        }, Ct);

        var page = await host.Browser.GetStringAsync(session.CheckoutUrl, Ct);

        Assert.Contains("Team Monthly (14-day free trial, then $50.00)", page, StringComparison.Ordinal);
        Assert.Contains("Start free trial", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10_001)]
    public async Task Checkout_TrialDaysOutOfRange_IsRefused(int days)
    {
        var request = new JsonObject
        {
            ["product_cart"] = new JsonArray(new JsonObject { ["product_id"] = SandboxHost.TrialPlan, ["quantity"] = 1 }),
            ["subscription_data"] = new JsonObject { ["trial_period_days"] = days },
        };

        using var response = await host.Http.PostAsJsonAsync("checkouts", request, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task ADeclinedCard_StartsNoTrial()
    {
        var purchase = await Shopper.BuyAsync(host, SandboxHost.TrialPlan, Shopper.GenericDecline);

        Assert.Equal(HttpStatusCode.PaymentRequired, purchase.Status);
        Assert.Contains("declined", purchase.Html, StringComparison.Ordinal);
        var subscriptions = purchase.CustomerId is null ? [] : (await host.Client.ListSubscriptionsAsync(new SubscriptionListQuery { CustomerId = purchase.CustomerId }, Ct)).Items;
        Assert.Empty(subscriptions);
    }

    [Theory]
    [InlineData(ProrationBillingMode.ProratedImmediately)]
    [InlineData(ProrationBillingMode.DifferenceImmediately)]
    [InlineData(ProrationBillingMode.FullImmediately)]
    public async Task AnImmediateChange_EndsTheTrial_ChargingTheFullPriceNow_AsPreviewed(ProrationBillingMode mode)
    {
        var purchase = await Shopper.BuyAsync(host, SandboxHost.TrialPlan);
        var subscription = await host.Client.GetSubscriptionAsync(purchase.Query("subscription_id")!, Ct);
        var change = new ChangePlanRequest
        {
            ProductId = SandboxHost.TrialPlan, Quantity = 1, ProrationBillingMode = mode,
            EffectiveAt = ChangeEffectiveAt.Immediately, OnPaymentFailure = OnPaymentFailure.PreventChange,
        };

        var preview = await host.Client.PreviewChangePlanAsync(subscription.SubscriptionId, change, Ct);
        await host.Client.ChangePlanAsync(subscription.SubscriptionId, change, Ct);

        Assert.Equal((5000L, 0L), (preview.ImmediateCharge.Summary.TotalAmount, preview.ImmediateCharge.Summary.CustomerCredits));
        var charged = Assert.Single(await PaymentsAsync(purchase.CustomerId!));
        Assert.Equal(preview.ImmediateCharge.Summary.TotalAmount, charged.TotalAmount);
        var after = await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct);
        Assert.InRange(after.NextBillingDate, preview.NewPlan.NextBillingDate, preview.NewPlan.NextBillingDate.AddSeconds(5));
        Assert.True(after.NextBillingDate > subscription.NextBillingDate, "the paid period runs past the trial's end");

        // The old trial end passes without a second charge: the plan is paid until a month after the change.
        await SandboxClockHelper.AdvanceToAsync(host, subscription.NextBillingDate);
        Assert.Single(await PaymentsAsync(purchase.CustomerId!));
    }

    [Fact]
    public async Task ADeclinedChargeToEndTheTrial_WithPreventChange_LeavesTheTrialAsItWas()
    {
        var purchase = await Shopper.BuyAsync(host, SandboxHost.TrialPlan, Shopper.FailsLater);
        var subscription = await host.Client.GetSubscriptionAsync(purchase.Query("subscription_id")!, Ct);

        await host.Client.ChangePlanAsync(subscription.SubscriptionId, new ChangePlanRequest
        {
            ProductId = SandboxHost.TrialPlan, Quantity = 1, ProrationBillingMode = ProrationBillingMode.FullImmediately,
            EffectiveAt = ChangeEffectiveAt.Immediately, OnPaymentFailure = OnPaymentFailure.PreventChange,
        }, Ct);

        var after = await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct);
        Assert.Equal((SubscriptionStatus.Active, subscription.NextBillingDate), (after.Status, after.NextBillingDate));
        Assert.Equal(PaymentStatus.Failed, Assert.Single(await PaymentsAsync(purchase.CustomerId!)).Status);
    }

    [Fact]
    public async Task CancelledDuringTheTrial_EndsWhenTheTrialDoes_WithNothingCharged()
    {
        var purchase = await Shopper.BuyAsync(host, SandboxHost.TrialPlan);
        var subscription = await host.Client.GetSubscriptionAsync(purchase.Query("subscription_id")!, Ct);

        await host.Client.UpdateSubscriptionAsync(subscription.SubscriptionId, new SubscriptionUpdateRequest { CancelAtNextBillingDate = true }, Ct);
        await SandboxClockHelper.AdvanceToAsync(host, subscription.NextBillingDate);

        Assert.Equal(SubscriptionStatus.Cancelled, (await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct)).Status);
        Assert.Empty(await PaymentsAsync(purchase.CustomerId!));
    }

    private async Task<IReadOnlyList<PaymentListItem>> PaymentsAsync(string customerId) =>
        (await host.Client.ListPaymentsAsync(new PaymentListQuery { CustomerId = customerId, PageSize = 100 }, Ct)).Items;
}
