using System.Net.Http.Json;
using Dodo.Payments;
using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Web.Data;
using Storefront.Web.Features.Subscriptions;

namespace Storefront.Web.Tests;

/// <summary>Cancel at the end of the period through Dodo, undo it before the date, and the plan ends at Dodo's renewal when not undone.</summary>
[Collection(LiveStoreCollection.Name)]
public sealed class SubscriptionCancellationTests(LiveStore store)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CancelThenKeep_SetsAndClearsTheFlagAtDodo_AndKeepsTheReason()
    {
        var (shopper, subscription) = await SubscriberAsync();
        await using var scope = store.Services.CreateAsyncScope();
        var cancellation = scope.ServiceProvider.GetRequiredService<SubscriptionCancellation>();

        var said = await cancellation.CancelAtPeriodEndAsync(shopper.UserId, "too_expensive", Ct);

        Assert.StartsWith("Your plan ends on", said, StringComparison.Ordinal);
        Assert.True((await AtDodoAsync(subscription)).CancelAtNextBillingDate);
        await using (var db = await store.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(Ct))
        {
            var request = await db.CancellationRequests.SingleAsync(r => r.UserId == shopper.UserId, Ct);
            Assert.Equal(("too_expensive", null), (request.Reason, request.UndoneAt));
        }

        Assert.StartsWith("Your plan continues", await cancellation.KeepAsync(shopper.UserId, Ct), StringComparison.Ordinal);

        Assert.False((await AtDodoAsync(subscription)).CancelAtNextBillingDate);
        await using (var db = await store.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(Ct))
        {
            Assert.NotNull((await db.CancellationRequests.SingleAsync(r => r.UserId == shopper.UserId, Ct)).UndoneAt);
            Assert.False((await db.Subscriptions.SingleAsync(s => s.DodoSubscriptionId == subscription, Ct)).CancelAtNextBillingDate);
        }
    }

    [Fact]
    public async Task NotUndone_ThePlanEndsAtTheBillingDate_WithNoRenewalCharge()
    {
        var (shopper, subscription) = await SubscriberAsync();
        await using var scope = store.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SubscriptionCancellation>().CancelAtPeriodEndAsync(shopper.UserId, "bogus reason", Ct);
        var paymentsBefore = (await store.Get<DodoClient>().ListPaymentsAsync(new PaymentListQuery { SubscriptionId = subscription }, Ct)).Items.Count;

        // Dodo's documented test-mode trick: moving the billing date to now makes the renewal happen.
        using var api = store.SandboxApi();
        using var due = await api.PatchAsJsonAsync($"subscriptions/{subscription}", new { next_billing_date = DateTimeOffset.UtcNow.ToString("O") }, Ct);
        due.EnsureSuccessStatusCode();

        await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.DodoSubscriptionId == subscription, Ct),
            s => s.Status == SubscriptionStatus.Cancelled, "the plan to end");
        Assert.Equal(paymentsBefore, (await store.Get<DodoClient>().ListPaymentsAsync(new PaymentListQuery { SubscriptionId = subscription }, Ct)).Items.Count);
        await using var db = await store.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal("rather_not_say", (await db.CancellationRequests.SingleAsync(r => r.UserId == shopper.UserId, Ct)).Reason); // an unknown reason is not stored as given
    }

    [Fact]
    public async Task Cancelling_EmailsAConfirmationWithAKeepLink_AndTheEndEmailsThatThePlanEnded()
    {
        var (shopper, subscription) = await SubscriberAsync();
        await using var scope = store.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SubscriptionCancellation>().CancelAtPeriodEndAsync(shopper.UserId, null, Ct);

        var confirmation = await store.WaitForAsync(db => db.EmailOutbox.AsNoTracking().FirstOrDefaultAsync(m => m.To == shopper.Email && m.Subject == "Your cancellation is confirmed", Ct),
            _ => true, "the cancellation email");
        Assert.Contains("nothing more is charged", confirmation.Body, StringComparison.Ordinal);
        Assert.Contains(new Uri(store.BaseUrl, "account/subscription").ToString(), confirmation.Body, StringComparison.Ordinal);

        using var api = store.SandboxApi();
        using var due = await api.PatchAsJsonAsync($"subscriptions/{subscription}", new { next_billing_date = DateTimeOffset.UtcNow.ToString("O") }, Ct);
        due.EnsureSuccessStatusCode();
        await store.WaitForAsync(db => db.EmailOutbox.AsNoTracking().FirstOrDefaultAsync(m => m.To == shopper.Email && m.Subject == "Your plan has ended", Ct),
            _ => true, "the email that the plan ended");
    }

    private async Task<(Shopper Shopper, string SubscriptionId)> SubscriberAsync()
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("basic-plan");
        var subscription = await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == shopper.UserId, Ct),
            s => s.Status == SubscriptionStatus.Active, "the subscription");
        return (shopper, subscription.DodoSubscriptionId);
    }

    private Task<Subscription> AtDodoAsync(string subscriptionId) => store.Get<DodoClient>().GetSubscriptionAsync(subscriptionId, Ct);
}
