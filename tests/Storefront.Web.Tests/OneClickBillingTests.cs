using System.Net.Http.Json;
using Dodo.Payments;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;
using Storefront.Web.Features.Api;
using Storefront.Web.Features.Offers;

namespace Storefront.Web.Tests;

/// <summary>One-click charges are taxed by the buyer's own address, never a constant one.</summary>
[Collection(LiveStoreCollection.Name)]
public sealed class OneClickBillingTests(LiveStore store)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OneClickCharge_SendsTheAddressOfTheCustomersOwnEarlierPayment()
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("starter-course");
        var customerId = await shopper.DodoCustomerIdAsync();
        var offer = (await shopper.Http.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{customerId}", Ct))!.Offer!;

        using var _ = await shopper.Http.PostAsJsonAsync($"api/upsell/{customerId}/accept", new { attemptId = offer.AttemptId }, Ct);

        var attempt = await store.WaitForAsync(db => db.OfferAttempts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == offer.AttemptId),
            a => a.PaymentId != null, "the charge");
        var payment = await store.Get<DodoClient>().GetPaymentAsync(attempt.PaymentId!, Ct);
        Assert.Equal((Shopper.Street, "Springfield", "97477", "US"), (payment.Billing!.Street, payment.Billing.City, payment.Billing.Zipcode, payment.Billing.Country));
    }

    [Fact]
    public async Task NoBillingAddressOnFile_TheOfferGoesToDodosCheckout()
    {
        var shopper = await store.NewCustomerAsync();
        var order = await shopper.BuyAsync("starter-course");
        await using (var db = await store.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(Ct))
        {
            await db.Orders.Where(o => o.UserId == shopper.UserId).ExecuteUpdateAsync(set => set.SetProperty(o => o.BillingAddress, (string?)null), Ct);
        }

        await using var scope = store.Services.CreateAsyncScope();
        var view = await scope.ServiceProvider.GetRequiredService<OfferService>().PostPurchaseOfferAsync(shopper.UserId, order.Id, Ct);
        var accept = await scope.ServiceProvider.GetRequiredService<OfferAcceptance>().AcceptAsync(shopper.UserId, view!.AttemptId, 1, Ct);

        Assert.Null(view.Card);
        Assert.Equal(AcceptOutcome.NeedsCheckout, accept.Outcome);
    }
}
