using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Web.Features.Subscriptions;

namespace Storefront.Web.Tests;

/// <summary>A downgrade's credit and the renewal that uses it are each recorded once, as My subscription lists them.</summary>
[Collection(LiveStoreCollection.Name)]
public sealed class CreditMovementTests(LiveStore store)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADowngradesCredit_ThenTheRenewalThatUsesIt_AreTheCreditHistory()
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
}
