using Dodo.Payments;
using Dodo.Payments.Models;
using Dodo.Sandbox.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Web.Features.Orders;
using Storefront.Web.Features.Subscriptions;

namespace Storefront.Web.Tests;

[Collection(LiveStoreCollection.Name)]
public sealed class PlanChangeGuardTests(LiveStore store)
{
    private const string ProDodoId = "pdt_8Pr5Nz2Kw7Xq4Lm9Vt1Bh";

    [Fact]
    public async Task Confirm_DodosPreviewChangedSinceItWasShown_ShowsTheNewOneAndChargesNothing()
    {
        var shopper = await store.NewCustomerAsync();
        var order = await shopper.BuyAsync("basic-plan");
        var subscription = await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == shopper.UserId), s => s.Status == SubscriptionStatus.Active, "the subscription");
        await using var scope = store.Services.CreateAsyncScope();
        var planChanges = scope.ServiceProvider.GetRequiredService<PlanChangeService>();
        var quote = await planChanges.QuoteAsync(shopper.UserId, subscription.DodoSubscriptionId, "pro-plan", CancellationToken.None);
        Assert.Equal(5000, quote.ChargedNow.Minor);

        await SetSandboxPriceAsync(ProDodoId, 9000);
        try
        {
            var result = await planChanges.ConfirmAsync(shopper.UserId, quote.QuoteId, null, CancellationToken.None);

            Assert.Equal(ConfirmOutcome.PreviewChanged, result.Outcome);
            Assert.Equal(6000, result.NewQuote!.ChargedNow.Minor);
            var payments = await scope.ServiceProvider.GetRequiredService<DodoClient>()
                .ListPaymentsAsync(new PaymentListQuery { SubscriptionId = subscription.DodoSubscriptionId }, CancellationToken.None);
            Assert.Single(payments.Items);
            Assert.Equal(order.PaymentId, payments.Items[0].PaymentId);
        }
        finally
        {
            await SetSandboxPriceAsync(ProDodoId, 8000);
        }
    }

    [Fact]
    public async Task Confirm_DodosPreviewNowChargesLess_GoesAheadWithTheLowerChargeWithoutAskingAgain()
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("basic-plan");
        var subscription = await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == shopper.UserId), s => s.Status == SubscriptionStatus.Active, "the subscription");
        await using var scope = store.Services.CreateAsyncScope();
        var planChanges = scope.ServiceProvider.GetRequiredService<PlanChangeService>();
        var quote = await planChanges.QuoteAsync(shopper.UserId, subscription.DodoSubscriptionId, "pro-plan", CancellationToken.None);

        await SetSandboxPriceAsync(ProDodoId, 7000);
        try
        {
            var result = await planChanges.ConfirmAsync(shopper.UserId, quote.QuoteId, null, CancellationToken.None);

            Assert.Equal(ConfirmOutcome.Submitted, result.Outcome);
            var payments = await scope.ServiceProvider.GetRequiredService<DodoClient>()
                .ListPaymentsAsync(new PaymentListQuery { SubscriptionId = subscription.DodoSubscriptionId }, CancellationToken.None);
            var charge = Assert.Single(payments.Items, p => p.TotalAmount != 3000);
            Assert.True(charge.TotalAmount <= quote.ChargedNow.Minor, $"charged {charge.TotalAmount}, shown {quote.ChargedNow.Minor}");
        }
        finally
        {
            await SetSandboxPriceAsync(ProDodoId, 8000);
        }
    }

    [Fact]
    public async Task Quote_SomeoneElsesSubscription_IsRefused()
    {
        var owner = await store.NewCustomerAsync();
        await owner.BuyAsync("basic-plan");
        var subscription = await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == owner.UserId), s => s.Status == SubscriptionStatus.Active, "the subscription");
        var other = await store.NewCustomerAsync();
        await using var scope = store.Services.CreateAsyncScope();

        var error = await Assert.ThrowsAsync<StoreRuleException>(() => scope.ServiceProvider.GetRequiredService<PlanChangeService>()
            .QuoteAsync(other.UserId, subscription.DodoSubscriptionId, "pro-plan", CancellationToken.None));

        Assert.Equal("That subscription is not yours.", error.Message);
    }

    [Fact]
    public async Task Confirm_TheSameQuoteTwice_ChangesThePlanOnce()
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("basic-plan");
        var subscription = await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == shopper.UserId), s => s.Status == SubscriptionStatus.Active, "the subscription");
        await using var scope = store.Services.CreateAsyncScope();
        var planChanges = scope.ServiceProvider.GetRequiredService<PlanChangeService>();
        var quote = await planChanges.QuoteAsync(shopper.UserId, subscription.DodoSubscriptionId, "pro-plan", CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => planChanges.ConfirmAsync(shopper.UserId, quote.QuoteId, null, CancellationToken.None)));

        Assert.Single(results, r => r.Outcome == ConfirmOutcome.Submitted);
        var payments = await scope.ServiceProvider.GetRequiredService<DodoClient>()
            .ListPaymentsAsync(new PaymentListQuery { SubscriptionId = subscription.DodoSubscriptionId }, CancellationToken.None);
        Assert.Equal(2, payments.Items.Count);
    }

    private async Task SetSandboxPriceAsync(string productId, long price)
    {
        await using var db = await store.Get<IDbContextFactory<SandboxDbContext>>().CreateDbContextAsync();
        await db.Products.Where(p => p.Id == productId).ExecuteUpdateAsync(set => set.SetProperty(p => p.Price, price));
    }
}
