using System.Net;
using Dodo.Payments;
using Dodo.Payments.Models;
using Dodo.Payments.Webhooks;

namespace Dodo.Sandbox.Tests;

/// <summary>Change-plan and its preview (shared/dodo-api/README.md §8, §11): the preview equals the charge to the cent.</summary>
[Collection(SandboxCollection.Name)]
public sealed class PlanChangeTests(SandboxHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ProrationBillingMode.ProratedImmediately)]
    [InlineData(ProrationBillingMode.FullImmediately)]
    [InlineData(ProrationBillingMode.DifferenceImmediately)]
    [InlineData(ProrationBillingMode.DoNotBill)]
    public async Task Preview_ThenChange_ChargesExactlyThePreviewedAmount(ProrationBillingMode mode)
    {
        var subscription = await SubscribeAsync(SandboxHost.Basic, Shopper.Visa);
        var change = Change(SandboxHost.Pro, mode);

        var preview = await host.Client.PreviewChangePlanAsync(subscription.SubscriptionId, change, Ct);
        var charged = await NewPaymentsAsync(subscription.SubscriptionId, () => host.Client.ChangePlanAsync(subscription.SubscriptionId, change, Ct));

        Assert.Equal(preview.ImmediateCharge.Summary.TotalAmount, charged.Sum(p => p.TotalAmount));
        var after = await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct);
        Assert.Equal(SandboxHost.Pro, after.ProductId);
        Assert.Equal(preview.NewPlan.RecurringPreTaxAmount, after.RecurringPreTaxAmount);
        if (mode == ProrationBillingMode.FullImmediately)
        {
            // A full charge starts a new period at the moment of the change, which comes after the preview:
            // the date moves on by the time between the two calls and never backwards.
            var elapsed = charged.Single().CreatedAt - preview.ImmediateCharge.EffectiveAt;
            Assert.InRange(after.NextBillingDate, preview.NewPlan.NextBillingDate, preview.NewPlan.NextBillingDate + elapsed + TimeSpan.FromSeconds(1));
        }
        else
        {
            Assert.Equal(preview.NewPlan.NextBillingDate, after.NextBillingDate);
        }
    }

    [Fact]
    public async Task DifferenceImmediately_Upgrade_ChargesTheDifferenceWhereverInTheCycle()
    {
        var subscription = await SubscribeAsync(SandboxHost.Basic, Shopper.Visa);

        var preview = await host.Client.PreviewChangePlanAsync(subscription.SubscriptionId, Change(SandboxHost.Pro, ProrationBillingMode.DifferenceImmediately), Ct);

        Assert.Equal(5000, preview.ImmediateCharge.Summary.TotalAmount);
        Assert.Equal(-3000, preview.ImmediateCharge.Summary.CustomerCredits);
        Assert.Equal(8000, preview.ImmediateCharge.LineItems.Single().UnitPrice);
        Assert.Equal(subscription.NextBillingDate, preview.NewPlan.NextBillingDate);
    }

    [Fact]
    public async Task FullImmediately_ChargesTheFullPriceAndResetsTheBillingDate()
    {
        var subscription = await SubscribeAsync(SandboxHost.Basic, Shopper.Visa);

        var preview = await host.Client.PreviewChangePlanAsync(subscription.SubscriptionId, Change(SandboxHost.Pro, ProrationBillingMode.FullImmediately), Ct);

        Assert.Equal(8000, preview.ImmediateCharge.Summary.TotalAmount);
        Assert.Equal(0, preview.ImmediateCharge.Summary.CustomerCredits);
        Assert.Equal(preview.ImmediateCharge.EffectiveAt.AddMonths(1).Date, preview.NewPlan.NextBillingDate.Date);
    }

    [Fact]
    public async Task MonthlyToYearly_ProratedImmediately_StartsAYearlyPeriodToday_LessTheUnusedMonth()
    {
        var subscription = await SubscribeAsync(SandboxHost.Pro, Shopper.Visa);
        var change = Change(SandboxHost.ProYearly, ProrationBillingMode.ProratedImmediately);

        var preview = await host.Client.PreviewChangePlanAsync(subscription.SubscriptionId, change, Ct);
        var charged = await NewPaymentsAsync(subscription.SubscriptionId, () => host.Client.ChangePlanAsync(subscription.SubscriptionId, change, Ct));

        // On the day it started, the whole month is unused: $800.00 for the year less the $80.00 month.
        Assert.Equal(72000, preview.ImmediateCharge.Summary.TotalAmount);
        Assert.Equal(1.0, Assert.Single(preview.ImmediateCharge.LineItems).ProrationFactor);
        Assert.Equal(TimeInterval.Year, preview.NewPlan.PaymentFrequencyInterval);
        Assert.Equal(preview.ImmediateCharge.EffectiveAt.AddYears(1).Date, preview.NewPlan.NextBillingDate.Date);
        Assert.Equal(72000, Assert.Single(charged).TotalAmount);
        var after = await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct);
        Assert.Equal((SandboxHost.ProYearly, TimeInterval.Year, 80000L), (after.ProductId, after.PaymentFrequencyInterval, after.RecurringPreTaxAmount));
        Assert.Equal(preview.NewPlan.NextBillingDate.Date, after.NextBillingDate.Date);
    }

    [Fact]
    public async Task DifferenceImmediately_Downgrade_CreditReducesTheNextRenewals()
    {
        var subscription = await SubscribeAsync(SandboxHost.Pro, Shopper.Visa);
        var downgrade = Change(SandboxHost.Basic, ProrationBillingMode.DifferenceImmediately);

        var preview = await host.Client.PreviewChangePlanAsync(subscription.SubscriptionId, downgrade, Ct);
        Assert.Equal(0, preview.ImmediateCharge.Summary.TotalAmount);
        Assert.Equal(5000, preview.ImmediateCharge.Summary.CustomerCredits);
        await host.Client.ChangePlanAsync(subscription.SubscriptionId, downgrade, Ct);

        // $50 credit against $30 renewals: the first is free, the second costs $10, the third the full $30.
        Assert.Equal([0L, 1000L, 3000L], await RenewalChargesAsync(subscription.SubscriptionId, 3));
    }

    [Fact]
    public async Task NextBillingDate_SchedulesTheChange_ChargesNothingNow_AndAppliesAtRenewal()
    {
        var subscription = await SubscribeAsync(SandboxHost.Pro, Shopper.Visa);
        var change = Change(SandboxHost.Basic, ProrationBillingMode.DifferenceImmediately) with { EffectiveAt = ChangeEffectiveAt.NextBillingDate };

        var preview = await host.Client.PreviewChangePlanAsync(subscription.SubscriptionId, change, Ct);
        var charged = await NewPaymentsAsync(subscription.SubscriptionId, () => host.Client.ChangePlanAsync(subscription.SubscriptionId, change, Ct));

        Assert.Equal(0, preview.ImmediateCharge.Summary.TotalAmount);
        Assert.Equal(subscription.NextBillingDate, preview.ImmediateCharge.EffectiveAt);
        var scheduled = await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct);
        Assert.Equal(SandboxHost.Pro, scheduled.ProductId);
        Assert.Equal(SandboxHost.Basic, scheduled.ScheduledChange!.ProductId);
        Assert.Empty(charged);

        Assert.Equal([3000L], await RenewalChargesAsync(subscription.SubscriptionId, 1));
        Assert.Equal(SandboxHost.Basic, (await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct)).ProductId);
    }

    [Fact]
    public async Task CancelScheduledChange_KeepsTheCurrentPlan()
    {
        var subscription = await SubscribeAsync(SandboxHost.Pro, Shopper.Visa);
        await host.Client.ChangePlanAsync(subscription.SubscriptionId,
            Change(SandboxHost.Basic, ProrationBillingMode.DifferenceImmediately) with { EffectiveAt = ChangeEffectiveAt.NextBillingDate }, Ct);

        await host.Client.CancelScheduledChangeAsync(subscription.SubscriptionId, Ct);

        Assert.Null((await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct)).ScheduledChange);
    }

    [Fact]
    public async Task OnPaymentFailure_PreventChange_KeepsTheOldPlan()
    {
        var subscription = await SubscribeAsync(SandboxHost.Basic, Shopper.FailsLater);

        var charged = await NewPaymentsAsync(subscription.SubscriptionId, () => host.Client.ChangePlanAsync(subscription.SubscriptionId,
            Change(SandboxHost.Pro, ProrationBillingMode.DifferenceImmediately) with { OnPaymentFailure = OnPaymentFailure.PreventChange }, Ct));

        var after = await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct);
        Assert.Equal((SandboxHost.Basic, SubscriptionStatus.Active), (after.ProductId, after.Status));
        Assert.Equal(PaymentStatus.Failed, charged.Single().Status);
    }

    [Fact]
    public async Task OnPaymentFailure_ApplyChange_SwitchesThePlanAndPutsTheSubscriptionOnHold()
    {
        var subscription = await SubscribeAsync(SandboxHost.Basic, Shopper.FailsLater);

        await host.Client.ChangePlanAsync(subscription.SubscriptionId,
            Change(SandboxHost.Pro, ProrationBillingMode.DifferenceImmediately) with { OnPaymentFailure = OnPaymentFailure.ApplyChange }, Ct);

        var after = await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct);
        Assert.Equal((SandboxHost.Pro, SubscriptionStatus.OnHold), (after.ProductId, after.Status));
        await host.WaitForWebhookAsync(w => w.Event.Type == WebhookEventTypes.SubscriptionOnHold && w.Event.SubscriptionData().SubscriptionId == subscription.SubscriptionId, "subscription.on_hold");
    }

    [Fact]
    public async Task ChangePlan_OnAnInactiveSubscription_IsRefused()
    {
        var subscription = await SubscribeAsync(SandboxHost.Basic, Shopper.FailsLater);
        await host.Client.ChangePlanAsync(subscription.SubscriptionId,
            Change(SandboxHost.Pro, ProrationBillingMode.DifferenceImmediately) with { OnPaymentFailure = OnPaymentFailure.ApplyChange }, Ct);

        var error = await Assert.ThrowsAsync<DodoApiException>(() =>
            host.Client.PreviewChangePlanAsync(subscription.SubscriptionId, Change(SandboxHost.Starter, ProrationBillingMode.DifferenceImmediately), Ct));

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "INACTIVE_SUBSCRIPTION_PLAN_CHANGE_NOT_SUPPORTED"), (error.Status, error.Code));
    }

    [Fact]
    public async Task UpgradeCharged_SendsPaymentSucceededAndPlanChanged()
    {
        var subscription = await SubscribeAsync(SandboxHost.Basic, Shopper.Visa);

        await host.Client.ChangePlanAsync(subscription.SubscriptionId, Change(SandboxHost.Pro, ProrationBillingMode.DifferenceImmediately), Ct);

        var changed = await host.WaitForWebhookAsync(w => w.Event.Type == WebhookEventTypes.SubscriptionPlanChanged && w.Event.SubscriptionData().SubscriptionId == subscription.SubscriptionId, "plan_changed");
        Assert.Equal(8000, changed.Event.SubscriptionData().RecurringPreTaxAmount);
        await host.WaitForWebhookAsync(w => w.Event.Type == WebhookEventTypes.PaymentSucceeded && w.Event.PaymentData().SubscriptionId == subscription.SubscriptionId && w.Event.PaymentData().TotalAmount == 5000, "upgrade payment");
    }

    [Fact]
    public async Task UpdatePaymentMethod_OnHoldSubscription_ChargesTheNewCardAndReactivates()
    {
        var subscription = await SubscribeAsync(SandboxHost.Basic, Shopper.FailsLater);
        await host.Client.ChangePlanAsync(subscription.SubscriptionId,
            Change(SandboxHost.Pro, ProrationBillingMode.DifferenceImmediately) with { OnPaymentFailure = OnPaymentFailure.ApplyChange }, Ct);

        var update = await host.Client.UpdatePaymentMethodAsync(subscription.SubscriptionId, UpdatePaymentMethodRequest.New("https://shop.example/card-updated"), Ct);
        using var response = await Shopper.PayAsync(host, update.PaymentLink!, Shopper.Visa, subscription.Customer.Email);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct);
        Assert.Equal(SubscriptionStatus.Active, after.Status);
        Assert.NotEqual(subscription.PaymentMethodId, after.PaymentMethodId);
    }

    internal async Task<Subscription> SubscribeAsync(string productId, string card)
    {
        var purchase = await Shopper.BuyAsync(host, productId, card);
        return await host.Client.GetSubscriptionAsync(purchase.Query("subscription_id")!, Ct);
    }

    private static ChangePlanRequest Change(string productId, ProrationBillingMode mode) => new()
    {
        ProductId = productId,
        Quantity = 1,
        ProrationBillingMode = mode,
        EffectiveAt = ChangeEffectiveAt.Immediately,
        OnPaymentFailure = OnPaymentFailure.PreventChange,
    };

    /// <summary>The subscription's payments that <paramref name="act"/> created.</summary>
    private async Task<List<PaymentListItem>> NewPaymentsAsync(string subscriptionId, Func<Task> act)
    {
        var before = (await host.Client.ListPaymentsAsync(new PaymentListQuery { SubscriptionId = subscriptionId }, Ct)).Items.Select(p => p.PaymentId).ToHashSet();
        await act();
        var after = (await host.Client.ListPaymentsAsync(new PaymentListQuery { SubscriptionId = subscriptionId }, Ct)).Items;
        return after.Where(p => !before.Contains(p.PaymentId)).ToList();
    }

    /// <summary>Moves the sandbox clock to each next billing date and returns what each renewal charged (0 = covered by credit).</summary>
    private async Task<List<long>> RenewalChargesAsync(string subscriptionId, int renewals)
    {
        var charges = new List<long>();
        for (var i = 0; i < renewals; i++)
        {
            var before = await host.Client.GetSubscriptionAsync(subscriptionId, Ct);
            var paymentsBefore = (await host.Client.ListPaymentsAsync(new PaymentListQuery { SubscriptionId = subscriptionId }, Ct)).Items.Select(p => p.PaymentId).ToHashSet();
            await SandboxClockHelper.AdvanceToAsync(host, before.NextBillingDate);
            var after = await host.Client.GetSubscriptionAsync(subscriptionId, Ct);
            Assert.True(after.NextBillingDate > before.NextBillingDate, "The renewal did not happen.");
            var added = (await host.Client.ListPaymentsAsync(new PaymentListQuery { SubscriptionId = subscriptionId }, Ct)).Items.Where(p => !paymentsBefore.Contains(p.PaymentId)).ToList();
            charges.Add(added.Sum(p => p.TotalAmount));
        }

        return charges;
    }
}
