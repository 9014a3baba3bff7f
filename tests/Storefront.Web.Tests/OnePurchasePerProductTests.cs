using System.Net;
using System.Net.Http.Json;
using Dodo.Payments;
using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;
using Storefront.Web.Features.Offers;
using Storefront.Web.Features.Orders;

namespace Storefront.Web.Tests;

/// <summary>A one-time product is charged at most once per customer, however many offers, pages and tabs show it.</summary>
[Collection(LiveStoreCollection.Name)]
public sealed class OnePurchasePerProductTests(LiveStore store)
{
    private const string Ebook = "upsell-playbook-ebook";
    private const string EbookAtDodo = "pdt_4Eb8Hn3Wq6Zr2Lx9Kd5Mv";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheSameProduct_OnTheOrderPageAndItsProductPage_IsOneLiveOffer()
    {
        var (shopper, order) = await BuyStarterAsync();
        await using var scope = store.Services.CreateAsyncScope();
        var offers = scope.ServiceProvider.GetRequiredService<OfferService>();

        var views = await Task.WhenAll(
            offers.CrossSellsAsync(shopper.UserId, "starter-course", order.Id, Ct),
            offers.CrossSellsAsync(shopper.UserId, "starter-course", OfferService.NoOrder, Ct),
            offers.CrossSellsAsync(shopper.UserId, "complete-bundle", OfferService.NoOrder, Ct));

        var ebookOffers = views.SelectMany(v => v).Where(v => v.Offer.Id == Ebook).Select(v => v.AttemptId).Distinct().ToList();
        Assert.Single(ebookOffers);
        await using var db = await store.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(1, await db.OfferAttempts.CountAsync(a => a.UserId == shopper.UserId && a.OfferProductId == Ebook, Ct));
    }

    [Fact]
    public async Task RacingAcceptsFromEveryPageThatShowsTheProduct_ChargeItOnce()
    {
        var (shopper, order) = await BuyStarterAsync();
        var customerId = await shopper.DodoCustomerIdAsync();
        var attemptIds = new List<Guid>();
        await using (var scope = store.Services.CreateAsyncScope())
        {
            var offers = scope.ServiceProvider.GetRequiredService<OfferService>();
            foreach (var orderId in new[] { order.Id, OfferService.NoOrder })
            {
                attemptIds.AddRange((await offers.CrossSellsAsync(shopper.UserId, "starter-course", orderId, Ct)).Where(v => v.Offer.Id == Ebook).Select(v => v.AttemptId));
            }
        }

        var responses = await Task.WhenAll(attemptIds.SelectMany(id => Enumerable.Repeat(id, 6)).Select(id =>
            shopper.Http.PostAsJsonAsync($"api/upsell/{customerId}/accept", new { attemptId = id }, Ct)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        await store.WaitForAsync(db => db.Entitlements.AsNoTracking().FirstOrDefaultAsync(e => e.UserId == shopper.UserId && e.ProductId == Ebook), _ => true, "the e-book");
        Assert.Single(await EbookChargesAsync(customerId));
        await using var check = await store.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(1, await check.Orders.CountAsync(o => o.UserId == shopper.UserId && o.ProductId == Ebook && o.Status == OrderStatus.Paid, Ct));
    }

    [Fact]
    public async Task Accept_ProductAlreadyOwned_IsRefusedAndChargesNothing()
    {
        var (shopper, order) = await BuyStarterAsync();
        var customerId = await shopper.DodoCustomerIdAsync();
        Guid attemptId;
        await using (var scope = store.Services.CreateAsyncScope())
        {
            attemptId = (await scope.ServiceProvider.GetRequiredService<OfferService>().CrossSellsAsync(shopper.UserId, "starter-course", order.Id, Ct))
                .Single(v => v.Offer.Id == Ebook).AttemptId;
        }

        await shopper.BuyAsync(Ebook); // bought on Dodo's checkout while the offer was on screen
        await using var accept = store.Services.CreateAsyncScope();
        var result = await accept.ServiceProvider.GetRequiredService<OfferAcceptance>().AcceptAsync(shopper.UserId, attemptId, 1, Ct);

        Assert.Equal(AcceptOutcome.Refused, result.Outcome);
        Assert.Contains("You already have this", result.Message, StringComparison.Ordinal);
        Assert.Single(await EbookChargesAsync(customerId));
    }

    [Fact]
    public async Task DeclinedOnAnOrder_TheProductIsNotOfferedAgainThereThroughAnotherOffer()
    {
        var (shopper, order) = await BuyStarterAsync();
        await using var scope = store.Services.CreateAsyncScope();
        var offers = scope.ServiceProvider.GetRequiredService<OfferService>();
        var bundle = await offers.PostPurchaseOfferAsync(shopper.UserId, order.Id, Ct);
        var ebookCrossSell = (await offers.CrossSellsAsync(shopper.UserId, "starter-course", order.Id, Ct)).Single(v => v.Offer.Id == Ebook);

        await offers.DeclineAsync(shopper.UserId, ebookCrossSell.AttemptId, Ct);
        await offers.DeclineAsync(shopper.UserId, bundle!.AttemptId, Ct);
        var downsell = await offers.PostPurchaseOfferAsync(shopper.UserId, order.Id, Ct);

        Assert.Null(downsell); // the downsell would have offered the same e-book
        Assert.DoesNotContain(await offers.CrossSellsAsync(shopper.UserId, "starter-course", order.Id, Ct), v => v.Offer.Id == Ebook);
    }

    private async Task<(Shopper Shopper, Order Order)> BuyStarterAsync()
    {
        var shopper = await store.NewCustomerAsync();
        return (shopper, await shopper.BuyAsync("starter-course"));
    }

    private async Task<List<PaymentListItem>> EbookChargesAsync(string customerId)
    {
        var dodo = store.Get<DodoClient>();
        var payments = (await dodo.ListPaymentsAsync(new PaymentListQuery { CustomerId = customerId, PageSize = 100 }, Ct)).Items;
        var charges = new List<PaymentListItem>();
        foreach (var payment in payments)
        {
            var full = await dodo.GetPaymentAsync(payment.PaymentId, Ct);
            if (full.Status == PaymentStatus.Succeeded && full.ProductCart?.Any(line => line.ProductId == EbookAtDodo) == true)
            {
                charges.Add(payment);
            }
        }

        return charges;
    }
}
