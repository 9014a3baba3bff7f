using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Web.Features.Subscriptions;

namespace Storefront.Web.Tests;

/// <summary>A downgrade's credit and the renewal that uses it (less any discount on the plan) are each recorded once, as My subscription lists them.</summary>
[Collection(LiveStoreCollection.Name)]
public sealed class CreditMovementTests(LiveStore store)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADowngradesCredit_ThenTheRenewalThatUsesIt_AreTheCreditHistory()
    {
        var (shopper, subscription) = await DowngradedFromProToBasicAsync();
        await using var scope = store.Services.CreateAsyncScope();

        using var api = store.SandboxApi();
        using var due = await api.PatchAsJsonAsync($"subscriptions/{subscription.DodoSubscriptionId}", new { next_billing_date = DateTimeOffset.UtcNow.ToString("O") }, Ct);
        due.EnsureSuccessStatusCode();
        var used = await store.WaitForAsync(db => db.CreditMovements.AsNoTracking().FirstOrDefaultAsync(m => m.DodoSubscriptionId == subscription.DodoSubscriptionId && m.AmountMinor < 0, Ct),
            _ => true, "the renewal to use the credit");

        Assert.Equal(-3000, used.AmountMinor); // Basic's $30.00 renewal, paid from the $50.00 credit
        var overview = await scope.ServiceProvider.GetRequiredService<SubscriptionQueries>().SubscriptionAsync(shopper.UserId, Ct);
        Assert.Equal([-3000L, 5000L], overview.CreditMovements.Select(m => m.AmountMinor));
        Assert.Equal(2000, overview.Subscription!.CreditMinor);
    }

    [Fact]
    public async Task WithADiscountOnThePlan_TheRenewalUsesOnlyTheDiscountedPriceFromTheCredit()
    {
        var (shopper, subscription) = await DowngradedFromProToBasicAsync();
        await using var scope = store.Services.CreateAsyncScope();
        var basic = Storefront.Web.Data.Seed.CatalogSeed.Products().Single(p => p.Id == "basic-plan").DodoProductId;
        var code = await scope.ServiceProvider.GetRequiredService<Storefront.Web.Features.Offers.OfferDiscountCodes>().ForAsync(basic, 25, Ct, cycles: 2);
        await store.Get<Dodo.Payments.DodoClient>().ChangePlanAsync(subscription.DodoSubscriptionId, new Dodo.Payments.Models.ChangePlanRequest
        {
            ProductId = basic, Quantity = 1, ProrationBillingMode = Dodo.Payments.Models.ProrationBillingMode.DoNotBill, DiscountCodes = [code.Code],
            EffectiveAt = Dodo.Payments.Models.ChangeEffectiveAt.Immediately, OnPaymentFailure = Dodo.Payments.Models.OnPaymentFailure.PreventChange,
        }, Ct);
        await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.DodoSubscriptionId == subscription.DodoSubscriptionId, Ct),
            s => s.DodoDiscountId is not null, "the discount to reach the store");

        using var api = store.SandboxApi();
        using var due = await api.PatchAsJsonAsync($"subscriptions/{subscription.DodoSubscriptionId}", new { next_billing_date = DateTimeOffset.UtcNow.ToString("O") }, Ct);
        due.EnsureSuccessStatusCode();
        var used = await store.WaitForAsync(db => db.CreditMovements.AsNoTracking().FirstOrDefaultAsync(m => m.DodoSubscriptionId == subscription.DodoSubscriptionId && m.AmountMinor < 0, Ct),
            _ => true, "the renewal to use the credit");

        Assert.Equal(-2250, used.AmountMinor); // Basic's $30.00 less 25%, paid from the $50.00 credit
        var atDodo = await store.Get<Dodo.Payments.DodoClient>().GetSubscriptionAsync(subscription.DodoSubscriptionId, Ct);
        Assert.Equal(1, atDodo.DiscountCyclesRemaining);
    }

    /// <summary>A new Pro subscriber who moved to Basic: Dodo's difference_immediately leaves $50.00 of credit.</summary>
    private async Task<(Shopper Shopper, CustomerSubscription Subscription)> DowngradedFromProToBasicAsync()
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("pro-plan");
        var subscription = await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == shopper.UserId, Ct),
            s => s.Status == Dodo.Payments.Models.SubscriptionStatus.Active, "the subscription");
        await using var scope = store.Services.CreateAsyncScope();
        var plans = scope.ServiceProvider.GetRequiredService<PlanChangeService>();
        var quote = await plans.QuoteAsync(shopper.UserId, subscription.DodoSubscriptionId, "basic-plan", Ct);
        await plans.ConfirmAsync(shopper.UserId, quote.QuoteId, null, Ct);
        await store.WaitForAsync(db => db.CreditMovements.AsNoTracking().FirstOrDefaultAsync(m => m.DodoSubscriptionId == subscription.DodoSubscriptionId, Ct),
            m => m.AmountMinor == 5000, "the downgrade's credit");
        return (shopper, subscription);
    }
}
