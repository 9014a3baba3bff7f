using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Web.Features.Admin.Retention;
using Storefront.Web.Features.Subscriptions;

namespace Storefront.Web.Tests;

/// <summary>The retention offer is only ever a cheaper plan billed alike, and the admin's results count saves and what they keep.</summary>
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
        Assert.Null(await admin.SaveAsync(Reason, "basic-plan", "admin@storefront.test", Ct));
        var pro = await SubscriberAsync("pro-plan");
        var basic = await SubscriberAsync("basic-plan");
        var before = (await admin.ResultsAsync(Ct)).Single(r => r.Reason == Reason);

        var offered = await retention.OfferForAsync(pro.UserId, Reason, Ct);
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

        var error = await scope.ServiceProvider.GetRequiredService<RetentionAdmin>().SaveAsync("other", "starter-course", "admin@storefront.test", Ct);

        Assert.Equal("Offer a plan that is for sale.", error);
        await using var db = await store.Get<IDbContextFactory<Storefront.Web.Data.StorefrontDbContext>>().CreateDbContextAsync(Ct);
        Assert.False(await db.RetentionOffers.AnyAsync(o => o.Reason == "other" && o.PlanProductId == "starter-course", Ct));
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
