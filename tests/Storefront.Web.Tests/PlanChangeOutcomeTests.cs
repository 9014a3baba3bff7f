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
        var subscription = await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == shopper.UserId), s => s.Status == "active", "the subscription");
        var plans = scope.ServiceProvider.GetRequiredService<PlanChangeService>();
        var quote = await plans.QuoteAsync(shopper.UserId, subscription.DodoSubscriptionId, "pro-plan", TestContext.Current.CancellationToken);

        await plans.ConfirmAsync(shopper.UserId, quote.QuoteId, null, TestContext.Current.CancellationToken);

        await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == shopper.UserId),
            s => s.Status == "on_hold" && s.DodoProductId == "pdt_8Pr5Nz2Kw7Xq4Lm9Vt1Bh", "the new plan, on hold");
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
        var subscription = await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == shopper.UserId), s => s.Status == "active", "the subscription");
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
}
