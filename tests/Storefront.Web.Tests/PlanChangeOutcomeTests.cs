using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Storefront.Domain.Plans;
using Storefront.Web.Features.Subscriptions;

namespace Storefront.Web.Tests;

/// <summary>What a plan change that Dodo could not charge leaves behind, under each failure policy.</summary>
public sealed class PlanChangeOutcomeTests : IAsyncLifetime
{
    private readonly LiveStore store = new();

    public ValueTask InitializeAsync() => store.InitializeAsync();

    public ValueTask DisposeAsync() => store.DisposeAsync();

    [Fact]
    public async Task ApplyChange_DeclinedUpgrade_IsAppliedAndOnHold_NotReportedAsUnchanged()
    {
        await using var scope = store.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PlanChangePolicyStore>().SaveAsync(
            new PlanChangePolicy(UpgradeOnFailure: PaymentFailureBehaviour.ApplyChange), TestContext.Current.CancellationToken);
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("basic-plan", "4000000000000341");
        var subscription = await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == shopper.UserId), s => s.Status == SubscriptionStatus.Active, "the subscription");
        var plans = scope.ServiceProvider.GetRequiredService<PlanChangeService>();
        var quote = await plans.QuoteAsync(shopper.UserId, subscription.DodoSubscriptionId, "pro-plan", TestContext.Current.CancellationToken);

        await plans.ConfirmAsync(shopper.UserId, quote.QuoteId, null, TestContext.Current.CancellationToken);

        await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == shopper.UserId),
            s => s.Status == SubscriptionStatus.OnHold && s.DodoProductId == "pdt_8Pr5Nz2Kw7Xq4Lm9Vt1Bh", "the new plan, on hold");
        var ended = await store.WaitForAsync(db => db.PlanChangeQuotes.AsNoTracking().FirstOrDefaultAsync(q => q.Id == quote.QuoteId),
            q => q.Status != QuoteStatus.Submitted && q.Status != QuoteStatus.Confirming, "the quote to end");
        Assert.Equal(QuoteStatus.Applied, ended.Status);
    }

    [Fact]
    public async Task AScheduledDowngrade_CanBeCancelledBeforeTheDate_AndTheNextRenewalStaysOnTheCurrentPlan()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scope = store.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PlanChangePolicyStore>().SaveAsync(
            new PlanChangePolicy(DowngradeTiming: ChangeTiming.NextBillingDate), ct);
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("pro-plan");
        var subscription = await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == shopper.UserId), s => s.Status == SubscriptionStatus.Active, "the subscription");
        var plans = scope.ServiceProvider.GetRequiredService<PlanChangeService>();
        var quote = await plans.QuoteAsync(shopper.UserId, subscription.DodoSubscriptionId, "basic-plan", ct);
        await plans.ConfirmAsync(shopper.UserId, quote.QuoteId, null, ct);
        await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == shopper.UserId),
            s => s.ScheduledDodoProductId == "pdt_2Bq7Lm4Xz9Wk1Vr6Tn3Cp", "the downgrade to be scheduled");

        var said = await scope.ServiceProvider.GetRequiredService<ScheduledChangeCancellation>().CancelAsync(shopper.UserId, ct);

        Assert.Equal(ScheduledChangeCancellation.Cancelled, said);
        var atDodo = await store.Get<Dodo.Payments.DodoClient>().GetSubscriptionAsync(subscription.DodoSubscriptionId, ct);
        Assert.Null(atDodo.ScheduledChange);
        Assert.Equal("pdt_8Pr5Nz2Kw7Xq4Lm9Vt1Bh", atDodo.ProductId);
        await using var db = await store.Get<IDbContextFactory<Storefront.Web.Data.StorefrontDbContext>>().CreateDbContextAsync(ct);
        Assert.Null((await db.Subscriptions.AsNoTracking().SingleAsync(s => s.UserId == shopper.UserId, ct)).ScheduledDodoProductId);
    }

    [Fact]
    public async Task PreventChange_DeclinedUpgrade_WaitsForPayment_ThenAnotherCardFinishesIt_ChargedOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var (shopper, subscriptionId, waiting) = await DeclinedUpgradeAsync();

        await shopper.UpdateSubscriptionCardAsync();
        await using var scope = store.Services.CreateAsyncScope();
        var plans = scope.ServiceProvider.GetRequiredService<PlanChangeService>();
        var again = await plans.QuoteAsync(shopper.UserId, subscriptionId, "pro-plan", ct);
        await plans.ConfirmAsync(shopper.UserId, again.QuoteId, null, ct);

        await store.WaitForAsync(db => db.PlanChangeQuotes.AsNoTracking().FirstOrDefaultAsync(q => q.Id == again.QuoteId), q => q.Status == QuoteStatus.Applied, "the new try to apply");
        await using var db = await store.Get<IDbContextFactory<Storefront.Web.Data.StorefrontDbContext>>().CreateDbContextAsync(ct);
        Assert.Equal(QuoteStatus.Superseded, (await db.PlanChangeQuotes.AsNoTracking().SingleAsync(q => q.Id == waiting, ct)).Status);
        var payments = (await store.Get<Dodo.Payments.DodoClient>().ListPaymentsAsync(new Dodo.Payments.Models.PaymentListQuery { SubscriptionId = subscriptionId, PageSize = 100 }, ct)).Items;
        Assert.Single(payments, p => p.TotalAmount == 5000 && p.Status == Dodo.Payments.Models.PaymentStatus.Succeeded);
        Assert.Single(payments, p => p.TotalAmount == 5000 && p.Status == Dodo.Payments.Models.PaymentStatus.Failed);
    }

    [Fact]
    public async Task PreventChange_DeclinedUpgrade_KeepCurrentPlan_EndsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var (shopper, subscriptionId, waiting) = await DeclinedUpgradeAsync();
        await using var scope = store.Services.CreateAsyncScope();

        var said = await scope.ServiceProvider.GetRequiredService<PlanChangeService>().KeepCurrentPlanAsync(shopper.UserId, waiting, ct);

        Assert.Equal(PlanChangeService.KeptMessage, said);
        await using var db = await store.Get<IDbContextFactory<Storefront.Web.Data.StorefrontDbContext>>().CreateDbContextAsync(ct);
        Assert.Equal(QuoteStatus.Failed, (await db.PlanChangeQuotes.AsNoTracking().SingleAsync(q => q.Id == waiting, ct)).Status);
        Assert.Equal("pdt_2Bq7Lm4Xz9Wk1Vr6Tn3Cp", (await store.Get<Dodo.Payments.DodoClient>().GetSubscriptionAsync(subscriptionId, ct)).ProductId);
    }

    [Fact]
    public async Task PreventChange_DeclinedUpgrade_LeftAlone_IsAbandonedByTheReconciler()
    {
        var abandoning = new AbandoningStore();
        await abandoning.InitializeAsync();
        try
        {
            var (_, _, waiting) = await DeclinedUpgradeAsync(abandoning, waitForPayment: false);

            var ended = await abandoning.WaitForAsync(db => db.PlanChangeQuotes.AsNoTracking().FirstOrDefaultAsync(q => q.Id == waiting),
                q => q.Status == QuoteStatus.Failed, "the waiting change to be abandoned");
            Assert.Equal(PlanChangeSettlement.AbandonedMessage, ended.FailureMessage);
        }
        finally
        {
            await abandoning.DisposeAsync();
        }
    }

    /// <summary>Basic on the card that fails off-session; the upgrade's charge is declined under prevent_change.</summary>
    private Task<(Shopper Shopper, string SubscriptionId, Guid WaitingQuote)> DeclinedUpgradeAsync() => DeclinedUpgradeAsync(store, waitForPayment: true);

    private static async Task<(Shopper Shopper, string SubscriptionId, Guid WaitingQuote)> DeclinedUpgradeAsync(LiveStore store, bool waitForPayment)
    {
        var ct = TestContext.Current.CancellationToken;
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("basic-plan", "4000000000000341");
        var subscription = await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == shopper.UserId), s => s.Status == SubscriptionStatus.Active, "the subscription");
        await using var scope = store.Services.CreateAsyncScope();
        var plans = scope.ServiceProvider.GetRequiredService<PlanChangeService>();
        var quote = await plans.QuoteAsync(shopper.UserId, subscription.DodoSubscriptionId, "pro-plan", ct);
        await plans.ConfirmAsync(shopper.UserId, quote.QuoteId, null, ct);
        if (waitForPayment)
        {
            var waiting = await store.WaitForAsync(db => db.PlanChangeQuotes.AsNoTracking().FirstOrDefaultAsync(q => q.Id == quote.QuoteId),
                q => q.Status == QuoteStatus.AwaitingPayment, "the change to wait for payment");
            Assert.Contains("declined", waiting.FailureMessage, StringComparison.Ordinal);
            var kept = await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == shopper.UserId), s => true, "the subscription");
            Assert.Equal((SubscriptionStatus.Active, "pdt_2Bq7Lm4Xz9Wk1Vr6Tn3Cp"), (kept.Status, kept.DodoProductId));
        }

        return (shopper, subscription.DodoSubscriptionId, quote.QuoteId);
    }

    /// <summary>Abandons a change waiting for payment after about a second, so the reconciler's part can be seen.</summary>
    private sealed class AbandoningStore() : LiveStore(new Storefront.Testing.StorefrontAppFactory()
        .WithSetting("Reconciler:IntervalSeconds", "0.2")
        .WithSetting("Reconciler:AbandonAfterSeconds", "1"));
}
