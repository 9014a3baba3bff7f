using Dodo.Payments;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Features.Offers;

namespace Storefront.Web.Tests;

/// <summary>The amount an offer shows is the amount Dodo charges, to the cent, checked at the sandbox.</summary>
[Collection(LiveStoreCollection.Name)]
public sealed class ShownIsChargedTests(LiveStore store)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("starter-course", "complete-bundle", 10000)] // the bundle contains the course: the difference
    [InlineData("single-license", "team-license", 7000)]    // the team license replaces the single one: the difference
    public async Task PostPurchaseUpgrade_ShowsAndChargesTheDifference_AndGrantsTheWholeProduct(string bought, string offered, long expected)
    {
        var shopper = await store.NewCustomerAsync();
        var order = await shopper.BuyAsync(bought);
        await using var scope = store.Services.CreateAsyncScope();
        var view = (await scope.ServiceProvider.GetRequiredService<OfferService>().PostPurchaseOfferAsync(shopper.UserId, order.Id, Ct))!;

        await scope.ServiceProvider.GetRequiredService<OfferAcceptance>().AcceptAsync(shopper.UserId, view.AttemptId, 1, Ct);

        Assert.Equal(offered, view.Offer.Id);
        Assert.Equal(expected, view.Charge.Minor);
        var attempt = await store.WaitForAsync(db => db.OfferAttempts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == view.AttemptId),
            a => a.Status == OfferAttemptStatus.Succeeded, "the charge");
        var payment = await store.Get<DodoClient>().GetPaymentAsync(attempt.PaymentId!, Ct);
        Assert.Equal(view.Charge.Minor, payment.TotalAmount);
        Assert.Equal(view.Charge.Currency, payment.Currency);
        await store.WaitForAsync(db => db.Entitlements.AsNoTracking().FirstOrDefaultAsync(e => e.UserId == shopper.UserId && e.ProductId == offered), _ => true, "the whole product in the library");
    }

    [Fact]
    public async Task CrossSellOfAnUnrelatedProduct_ShowsAndChargesItsFullPrice()
    {
        var shopper = await store.NewCustomerAsync();
        var order = await shopper.BuyAsync("basic-plan");
        await using var scope = store.Services.CreateAsyncScope();
        var view = (await scope.ServiceProvider.GetRequiredService<OfferService>().CrossSellsAsync(shopper.UserId, "basic-plan", order.Id, Ct)).Single();

        await scope.ServiceProvider.GetRequiredService<OfferAcceptance>().AcceptAsync(shopper.UserId, view.AttemptId, 1, Ct);

        var attempt = await store.WaitForAsync(db => db.OfferAttempts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == view.AttemptId),
            a => a.Status == OfferAttemptStatus.Succeeded, "the charge");
        Assert.Equal(1900, view.Charge.Minor);
        Assert.Equal(view.Charge.Minor, (await store.Get<DodoClient>().GetPaymentAsync(attempt.PaymentId!, Ct)).TotalAmount);
    }
}
