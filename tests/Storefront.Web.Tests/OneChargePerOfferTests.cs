using System.Net;
using System.Net.Http.Json;
using Dodo.Payments;
using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Web.Features.Api;
using Storefront.Web.Features.Offers;
using Storefront.Web.Features.Orders;

namespace Storefront.Web.Tests;

/// <summary>At most one charge per offer attempt, whatever the clicks, tabs, retries or lost answers.</summary>
[Collection(LiveStoreCollection.Name)]
public sealed class OneChargePerOfferTests(LiveStore store) : IDisposable
{
    public void Dispose() => store.Sandbox.Reset();

    [Fact]
    public async Task Accept_TwentyConcurrentRequests_ChargesTheSandboxExactlyOnce()
    {
        var shopper = await store.NewCustomerAsync();
        var order = await shopper.BuyAsync("starter-course");
        var customerId = await shopper.DodoCustomerIdAsync();
        var offer = await shopper.Http.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{customerId}", TestContext.Current.CancellationToken);
        Assert.True(offer!.Eligible);
        Assert.Equal("complete-bundle", offer.Offer!.Product.Id);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            shopper.Http.PostAsJsonAsync($"api/upsell/{customerId}/accept", new { attemptId = offer.Offer.AttemptId })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var charges = await store.SandboxChargesForAsync(customerId, offer.Offer.AttemptId);
        Assert.Single(charges);
        var attempt = await store.WaitForAsync(db => db.OfferAttempts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == offer.Offer.AttemptId),
            a => a.Status == OfferAttemptStatus.Succeeded, "the offer to succeed");
        Assert.Equal(10000, attempt.PaidAmountMinor); // the upgrade price: the customer owns the Starter course
        Assert.Equal(order.Id, attempt.OrderId);
    }

    [Fact]
    public async Task Accept_ConnectionDroppedAfterDodoCharged_IsSettledByLookupWithoutASecondCharge()
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("single-license");
        var customerId = await shopper.DodoCustomerIdAsync();
        var offer = (await shopper.Http.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{customerId}", TestContext.Current.CancellationToken))!.Offer!;
        store.Sandbox.DropConnectionAfterNextCharges(1);

        using var first = await shopper.Http.PostAsJsonAsync($"api/upsell/{customerId}/accept", new { attemptId = offer.AttemptId }, TestContext.Current.CancellationToken);
        using var retry = await shopper.Http.PostAsJsonAsync($"api/upsell/{customerId}/accept", new { attemptId = offer.AttemptId }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Single(await store.SandboxChargesForAsync(customerId, offer.AttemptId));
        await store.WaitForAsync(db => db.OfferAttempts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == offer.AttemptId),
            a => a.Status == OfferAttemptStatus.Succeeded, "the lost-answer charge to be confirmed");
    }

    [Fact]
    public async Task Accept_SavedCardFailsOffSession_FailsOnceAndIsNotRetried()
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("starter-course", card: "4000000000000341");
        var customerId = await shopper.DodoCustomerIdAsync();
        var offer = (await shopper.Http.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{customerId}", TestContext.Current.CancellationToken))!.Offer!;

        using var accept = await shopper.Http.PostAsJsonAsync($"api/upsell/{customerId}/accept", new { attemptId = offer.AttemptId }, TestContext.Current.CancellationToken);
        var attempt = await store.WaitForAsync(db => db.OfferAttempts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == offer.AttemptId),
            a => a.Status == OfferAttemptStatus.Failed, "the decline");
        using var again = await shopper.Http.PostAsJsonAsync($"api/upsell/{customerId}/accept", new { attemptId = offer.AttemptId }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(await store.SandboxChargesForAsync(customerId, offer.AttemptId));
        Assert.Equal("Your bank declined the charge.", attempt.FailureMessage); // the customer's words, not Dodo's merchant text
        Assert.DoesNotContain("Ask the customer", attempt.FailureMessage, StringComparison.Ordinal);
        var next = await shopper.Http.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{customerId}", TestContext.Current.CancellationToken);
        Assert.False(next!.Eligible);
    }

}
