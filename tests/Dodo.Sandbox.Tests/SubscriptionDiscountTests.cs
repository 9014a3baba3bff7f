using Dodo.Payments;
using Dodo.Payments.Models;

namespace Dodo.Sandbox.Tests;

/// <summary>
/// A discount for N billing cycles put on a subscription by change-plan's discount_codes (the same plan,
/// do_not_bill): the next N renewals are charged the discounted price, then the full price again.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class SubscriptionDiscountTests(SandboxHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADiscountForTwoCycles_TakesItsShareOffTheNextTwoRenewals_ThenEnds()
    {
        var subscription = await new PlanChangeTests(host).SubscribeAsync(SandboxHost.Basic, Shopper.Visa);
        var discount = await host.Client.CreateDiscountAsync(new CreateDiscountRequest { Amount = 2500, RestrictedTo = [SandboxHost.Basic], SubscriptionCycles = 2 }, Ct);
        var change = SamePlanWith(discount.Code);

        var preview = await host.Client.PreviewChangePlanAsync(subscription.SubscriptionId, change, Ct);
        await host.Client.ChangePlanAsync(subscription.SubscriptionId, change, Ct);

        Assert.Equal(0, preview.ImmediateCharge.Summary.TotalAmount);
        var discounted = await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct);
        Assert.Equal((discount.DiscountId, 2), (discounted.DiscountId, discounted.DiscountCyclesRemaining));
        Assert.Equal((discount.DiscountId, 2), (preview.NewPlan.DiscountId, preview.NewPlan.DiscountCyclesRemaining));
        Assert.Equal(1, (await host.Client.GetDiscountAsync(discount.DiscountId, Ct)).TimesUsed);

        var first = subscription.NextBillingDate;
        await SandboxClockHelper.AdvanceToAsync(host, first);
        var second = (await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct)).NextBillingDate;
        await SandboxClockHelper.AdvanceToAsync(host, second);
        var third = (await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct)).NextBillingDate;
        await SandboxClockHelper.AdvanceToAsync(host, third);

        var renewals = (await host.Client.ListPaymentsAsync(new PaymentListQuery { SubscriptionId = subscription.SubscriptionId, PageSize = 100 }, Ct)).Items
            .Where(p => p.CreatedAt > subscription.CreatedAt.AddDays(1)).OrderBy(p => p.CreatedAt).Select(p => p.TotalAmount).ToList();
        Assert.Equal([2250L, 2250L, 3000L], renewals);
        var after = await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct);
        Assert.Equal((null, null), (after.DiscountId, after.DiscountCyclesRemaining));
    }

    [Fact]
    public async Task ACodeForAnotherProduct_IsRefused_AndChangesNothing()
    {
        var subscription = await new PlanChangeTests(host).SubscribeAsync(SandboxHost.Basic, Shopper.Visa);
        var discount = await host.Client.CreateDiscountAsync(new CreateDiscountRequest { Amount = 2500, RestrictedTo = [SandboxHost.Pro], SubscriptionCycles = 2 }, Ct);

        var refused = await Assert.ThrowsAsync<DodoApiException>(() => host.Client.ChangePlanAsync(subscription.SubscriptionId, SamePlanWith(discount.Code), Ct));

        Assert.Equal("INVALID_DISCOUNT_CODE", refused.Code);
        Assert.Null((await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct)).DiscountId);
    }

    [Fact]
    public async Task AnEmptyList_RemovesTheDiscount()
    {
        var subscription = await new PlanChangeTests(host).SubscribeAsync(SandboxHost.Basic, Shopper.Visa);
        var discount = await host.Client.CreateDiscountAsync(new CreateDiscountRequest { Amount = 1000, SubscriptionCycles = 3 }, Ct);
        await host.Client.ChangePlanAsync(subscription.SubscriptionId, SamePlanWith(discount.Code), Ct);

        await host.Client.ChangePlanAsync(subscription.SubscriptionId, SamePlanWith(), Ct);

        Assert.Null((await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct)).DiscountId);
    }

    private static ChangePlanRequest SamePlanWith(params string[] codes) => new()
    {
        ProductId = SandboxHost.Basic, Quantity = 1, ProrationBillingMode = ProrationBillingMode.DoNotBill,
        EffectiveAt = ChangeEffectiveAt.Immediately, OnPaymentFailure = OnPaymentFailure.PreventChange, DiscountCodes = codes,
    };
}
