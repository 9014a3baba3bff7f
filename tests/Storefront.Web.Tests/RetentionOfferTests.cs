using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Web.Features.Admin.Retention;
using Storefront.Web.Features.Subscriptions;

namespace Storefront.Web.Tests;

/// <summary>
/// The retention offer is a cheaper plan billed alike or a discount on the next bills; the admin's results count
/// saves and what they keep; the discount is charged at Dodo for exactly the bills offered.
/// </summary>
[Collection(LiveStoreCollection.Name)]
public sealed class RetentionOfferTests(LiveStore store)
{
    private const string Reason = "missing_feature";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheCheaperPlan_IsOfferedToAProSubscriber_NotToABasicOne_AndATakenOfferCountsAsASave()
    {
        await using var scope = store.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<RetentionAdmin>();
        var retention = scope.ServiceProvider.GetRequiredService<RetentionOffers>();
        Assert.Null(await admin.SaveAsync(Reason, "basic-plan", null, null, "admin@storefront.test", Ct));
        var pro = await SubscriberAsync("pro-plan");
        var basic = await SubscriberAsync("basic-plan");
        var before = (await admin.ResultsAsync(Ct)).Single(r => r.Reason == Reason);

        var offered = (await retention.OfferForAsync(pro.UserId, Reason, Ct))?.Plan;
        Assert.Equal("basic-plan", offered?.Id);
        Assert.Null(await retention.OfferForAsync(basic.UserId, Reason, Ct)); // not cheaper than what they have
        Assert.Null(await retention.OfferForAsync(pro.UserId, "too_expensive", Ct)); // no offer set for that reason
        await retention.RecordSavedAsync(pro.UserId, Reason, offered!, Ct);

        var after = (await admin.ResultsAsync(Ct)).Single(r => r.Reason == Reason);
        Assert.Equal(before.SavedByOffer + 1, after.SavedByOffer);
        Assert.Contains(after.KeptPerPeriod, m => m.Currency == "USD" && m.Minor >= 3000);
        Assert.Contains($"{Reason},\"Basic plan\",", RetentionAdmin.ToCsv(await admin.ResultsAsync(Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_AOneTimeProductAsTheOffer_IsRefused()
    {
        await using var scope = store.Services.CreateAsyncScope();

        var error = await scope.ServiceProvider.GetRequiredService<RetentionAdmin>().SaveAsync("other", "starter-course", null, null, "admin@storefront.test", Ct);

        Assert.Equal("Offer a plan that is for sale.", error);
        await using var db = await store.Get<IDbContextFactory<Storefront.Web.Data.StorefrontDbContext>>().CreateDbContextAsync(Ct);
        Assert.False(await db.RetentionOffers.AnyAsync(o => o.Reason == "other" && o.PlanProductId == "starter-course", Ct));
    }

    [Fact]
    public async Task TheDiscount_IsPutOnThePlanAtDodo_TheNextTwoBillsAreChargedLess_AndItCountsAsASave()
    {
        const string reason = "switching";
        await using var scope = store.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<RetentionAdmin>();
        var retention = scope.ServiceProvider.GetRequiredService<RetentionOffers>();
        Assert.Null(await admin.SaveAsync(reason, RetentionAdmin.DiscountChoice, 25, 2, "admin@storefront.test", Ct));
        var shopper = await SubscriberAsync("basic-plan");
        var before = (await admin.ResultsAsync(Ct)).Single(r => r.Reason == reason);

        var offer = (await retention.OfferForAsync(shopper.UserId, reason, Ct))?.Discount;
        Assert.Equal((25, 2, 3000L, 2250L), (offer?.Percent, offer?.Cycles, offer?.Price.Minor, offer?.Discounted.Minor));
        var said = await retention.TakeDiscountAsync(shopper.UserId, reason, Ct);

        Assert.Equal("Done: 25% off your next 2 bills. You pay $22.50 instead of $30.00.", said);
        var subscription = await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == shopper.UserId, Ct),
            s => s.DodoDiscountId is not null, "the discount to reach the store");
        Assert.Equal(2, subscription.DiscountCyclesRemaining);
        Assert.Null(await retention.OfferForAsync(shopper.UserId, reason, Ct)); // one discount at a time
        var after = (await admin.ResultsAsync(Ct)).Single(r => r.Reason == reason);
        Assert.Equal((before.SavedByOffer + 1, "25% off 2 bills"), (after.SavedByOffer, after.OfferedPlan));

        var dodo = store.Get<Dodo.Payments.DodoClient>();
        var customerId = await shopper.DodoCustomerIdAsync();
        var seen = (await dodo.ListPaymentsAsync(new Dodo.Payments.Models.PaymentListQuery { CustomerId = customerId }, Ct)).Items.Select(p => p.PaymentId).ToHashSet();
        var renewals = new List<long>();
        foreach (var remaining in new int?[] { 1, null, null })
        {
            using var api = store.SandboxApi();
            using var due = await api.PatchAsJsonAsync($"subscriptions/{subscription.DodoSubscriptionId}", new { next_billing_date = DateTimeOffset.UtcNow.ToString("O") }, Ct);
            due.EnsureSuccessStatusCode();
            Assert.Equal(remaining, (await dodo.GetSubscriptionAsync(subscription.DodoSubscriptionId, Ct)).DiscountCyclesRemaining);
            var renewal = (await dodo.ListPaymentsAsync(new Dodo.Payments.Models.PaymentListQuery { CustomerId = customerId, PageSize = 100 }, Ct)).Items.Single(p => seen.Add(p.PaymentId));
            renewals.Add(renewal.TotalAmount);
        }

        Assert.Equal([2250L, 2250L, 3000L], renewals);
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(91, 2)]
    [InlineData(25, 0)]
    [InlineData(25, 13)]
    [InlineData(25, null)]
    public async Task Admin_ADiscountOutOfRange_IsRefused_AndNothingIsSaved(int? percent, int? cycles)
    {
        await using var scope = store.Services.CreateAsyncScope();

        var error = await scope.ServiceProvider.GetRequiredService<RetentionAdmin>().SaveAsync("other", RetentionAdmin.DiscountChoice, percent, cycles, "admin@storefront.test", Ct);

        Assert.Equal("A discount is a whole percentage from 1 to 90, for 1 to 12 bills.", error);
        await using var db = await store.Get<IDbContextFactory<Storefront.Web.Data.StorefrontDbContext>>().CreateDbContextAsync(Ct);
        Assert.False(await db.RetentionOffers.AnyAsync(o => o.Reason == "other" && o.DiscountPercent != null, Ct));
    }

    private async Task<Shopper> SubscriberAsync(string plan)
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync(plan);
        await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == shopper.UserId, Ct),
            s => s.Status == Dodo.Payments.Models.SubscriptionStatus.Active, "the subscription");
        return shopper;
    }
}
