using Dodo.Payments.Models;
using Dodo.Payments.Webhooks;

namespace Dodo.Sandbox.Tests;

[Collection(SandboxCollection.Name)]
public sealed class RenewalTests(SandboxHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AdvancingTheClock_PastTheBillingDate_RenewsAndAnnouncesIt()
    {
        var subscription = await new PlanChangeTests(host).SubscribeAsync(SandboxHost.Basic, Shopper.Visa);

        await SandboxClockHelper.AdvanceToAsync(host, subscription.NextBillingDate);

        var after = await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct);
        Assert.Equal(subscription.NextBillingDate, after.PreviousBillingDate);
        await host.WaitForWebhookAsync(w => w.Event.Type == WebhookEventTypes.SubscriptionRenewed && w.Event.SubscriptionData().SubscriptionId == subscription.SubscriptionId, "renewed");
        await host.WaitForWebhookAsync(w => w.Event.Type == WebhookEventTypes.PaymentSucceeded && w.Event.PaymentData().SubscriptionId == subscription.SubscriptionId && w.Event.PaymentData().TotalAmount == 3000 && w.Event.PaymentData().CreatedAt > subscription.CreatedAt.AddDays(1), "renewal payment");
    }

    [Fact]
    public async Task Card0341_RenewalFails_PutsTheSubscriptionOnHold()
    {
        var subscription = await new PlanChangeTests(host).SubscribeAsync(SandboxHost.Basic, Shopper.FailsLater);

        await SandboxClockHelper.AdvanceToAsync(host, subscription.NextBillingDate);

        Assert.Equal(SubscriptionStatus.OnHold, (await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct)).Status);
        await host.WaitForWebhookAsync(w => w.Event.Type == WebhookEventTypes.SubscriptionOnHold && w.Event.SubscriptionData().SubscriptionId == subscription.SubscriptionId, "on_hold");
    }

    [Fact]
    public async Task OnHold_NewCardPaysTheDeclinedPeriodOnce_AndTheNextChargeIsAPeriodLater()
    {
        var subscription = await new PlanChangeTests(host).SubscribeAsync(SandboxHost.Basic, Shopper.FailsLater);
        await SandboxClockHelper.AdvanceToAsync(host, subscription.NextBillingDate);
        var update = await host.Client.UpdatePaymentMethodAsync(subscription.SubscriptionId, UpdatePaymentMethodRequest.New("https://shop.example/account"), Ct);

        using var paid = await Shopper.PayAsync(host, update.PaymentLink!, Shopper.Visa, subscription.Customer.Email);

        var recovered = await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct);
        Assert.Equal(SubscriptionStatus.Active, recovered.Status);
        Assert.Equal(subscription.NextBillingDate, recovered.PreviousBillingDate);
        Assert.True(recovered.NextBillingDate > subscription.NextBillingDate.AddDays(27), $"next billing {recovered.NextBillingDate}");
        await SandboxClockHelper.AdvanceToAsync(host, subscription.NextBillingDate.AddDays(2));
        var payments = (await host.Client.ListPaymentsAsync(new PaymentListQuery { SubscriptionId = subscription.SubscriptionId, PageSize = 100 }, Ct)).Items;
        Assert.Single(payments, p => p.Status == PaymentStatus.Succeeded && p.CreatedAt > subscription.CreatedAt.AddDays(1));
    }

    [Fact]
    public async Task OnHoldAfterADeclinedPlanChange_NewCardPaysThePlanChangeAmountOnce_NotAWholePeriod()
    {
        var subscription = await new PlanChangeTests(host).SubscribeAsync(SandboxHost.Basic, Shopper.FailsLater);
        var change = new ChangePlanRequest
        {
            ProductId = SandboxHost.Pro, Quantity = 1, ProrationBillingMode = ProrationBillingMode.DifferenceImmediately,
            OnPaymentFailure = OnPaymentFailure.ApplyChange,
        };
        await host.Client.ChangePlanAsync(subscription.SubscriptionId, change, Ct);
        Assert.Equal(SubscriptionStatus.OnHold, (await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct)).Status);
        var update = await host.Client.UpdatePaymentMethodAsync(subscription.SubscriptionId, UpdatePaymentMethodRequest.New("https://shop.example/account"), Ct);

        using var paid = await Shopper.PayAsync(host, update.PaymentLink!, Shopper.Visa, subscription.Customer.Email);

        var recovered = await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct);
        Assert.Equal(SubscriptionStatus.Active, recovered.Status);
        Assert.Equal(subscription.NextBillingDate, recovered.NextBillingDate);
        var payments = (await host.Client.ListPaymentsAsync(new PaymentListQuery { SubscriptionId = subscription.SubscriptionId, PageSize = 100 }, Ct)).Items;
        var recovery = Assert.Single(payments, p => p.Status == PaymentStatus.Succeeded && p.TotalAmount != 3000);
        Assert.Equal(5000, recovery.TotalAmount);
    }

    [Fact]
    public async Task AFixedTermSubscription_ExpiresAtTheEndOfItsTerm_WithoutAnotherCharge()
    {
        var subscription = await new PlanChangeTests(host).SubscribeAsync(SandboxHost.TwoMonthTerm, Shopper.Visa);
        Assert.Equal(subscription.CreatedAt.AddMonths(2).UtcDateTime.Date, subscription.ExpiresAt!.Value.UtcDateTime.Date);

        await SandboxClockHelper.AdvanceToAsync(host, subscription.CreatedAt.AddMonths(2).AddDays(1));

        var expired = await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct);
        Assert.Equal(SubscriptionStatus.Expired, expired.Status);
        await host.WaitForWebhookAsync(w => w.Event.Type == WebhookEventTypes.SubscriptionExpired && w.Event.SubscriptionData().SubscriptionId == subscription.SubscriptionId, "expired");
        var payments = (await host.Client.ListPaymentsAsync(new PaymentListQuery { SubscriptionId = subscription.SubscriptionId, PageSize = 100 }, Ct)).Items;
        Assert.Equal(2, payments.Count(p => p.Status == PaymentStatus.Succeeded));
    }

    [Fact]
    public async Task CancelAtNextBillingDate_EndsTheSubscriptionAtRenewal()
    {
        var subscription = await new PlanChangeTests(host).SubscribeAsync(SandboxHost.Basic, Shopper.Visa);
        await host.Client.UpdateSubscriptionAsync(subscription.SubscriptionId, new SubscriptionUpdateRequest { CancelAtNextBillingDate = true }, Ct);

        await SandboxClockHelper.AdvanceToAsync(host, subscription.NextBillingDate);

        Assert.Equal(SubscriptionStatus.Cancelled, (await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct)).Status);
        await host.WaitForWebhookAsync(w => w.Event.Type == WebhookEventTypes.SubscriptionCancelled && w.Event.SubscriptionData().SubscriptionId == subscription.SubscriptionId, "cancelled");
    }

    [Fact]
    public async Task ListSubscriptions_ByCustomer_ReturnsTheLighterListShapeWithTheProductName()
    {
        var subscription = await new PlanChangeTests(host).SubscribeAsync(SandboxHost.Basic, Shopper.Visa);

        var items = (await host.Client.ListSubscriptionsAsync(new SubscriptionListQuery { CustomerId = subscription.Customer.CustomerId }, Ct)).Items;

        var item = Assert.Single(items);
        Assert.Equal((subscription.SubscriptionId, "Basic Monthly", 3000L), (item.SubscriptionId, item.ProductName, item.RecurringPreTaxAmount));
    }
}
