using System.Net;
using System.Net.Http.Json;
using Storefront.Web.Features.Api;

namespace Storefront.Web.Tests;

/// <summary>
/// When Dodo answers 500 to everything, an offer still shows, as "Pay with a card", never as an error; and offers do
/// not ask Dodo for the saved cards on every render. Own store: it breaks Dodo.
/// </summary>
public sealed class DodoOutageTests : IAsyncLifetime
{
    private readonly LiveStore store = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => store.InitializeAsync();

    public ValueTask DisposeAsync() => store.DisposeAsync();

    [Fact]
    public async Task DodoDown_TheOfferDegradesToPayWithACard_AndThePageStillRenders()
    {
        var shopper = await store.NewCustomerAsync();
        var order = await shopper.BuyAsync("starter-course");
        var customerId = await shopper.DodoCustomerIdAsync();

        store.Sandbox.FailNextRequests(1000);
        try
        {
            using var offerResponse = await shopper.Http.GetAsync($"api/upsell/{customerId}", Ct);
            using var page = await shopper.Http.GetAsync($"orders/{order.Id}", Ct);

            Assert.Equal(HttpStatusCode.OK, offerResponse.StatusCode);
            var degraded = (await offerResponse.Content.ReadFromJsonAsync<UpsellOfferResponse>(Ct))!;
            Assert.False(degraded.Offer!.OneClick);
            Assert.Null(degraded.PaymentMethod);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Pay with a card", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        finally
        {
            store.Sandbox.FailNextRequests(0);
        }

        // The outage was not remembered: with Dodo back, the card is offered again.
        var healthy = (await shopper.Http.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{customerId}", Ct))!;
        Assert.True(healthy.Offer!.OneClick);
    }

    [Fact]
    public async Task SavedCards_AreReadOncePerCustomer_AndAgainAfterAPaymentWebhook()
    {
        var shopper = await store.NewCustomerAsync();
        var order = await shopper.BuyAsync("starter-course");
        var customerId = await shopper.DodoCustomerIdAsync();
        Assert.True((await shopper.Http.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{customerId}", Ct))!.Offer!.OneClick);

        // Renders while Dodo is down still name the card: they did not ask Dodo.
        store.Sandbox.FailNextRequests(1000);
        try
        {
            var cached = (await shopper.Http.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{customerId}", Ct))!;
            Assert.True(cached.Offer!.OneClick);
            Assert.NotNull(cached.PaymentMethod);
            Assert.Contains("Add to my order", await shopper.Http.GetStringAsync($"orders/{order.Id}", Ct), StringComparison.Ordinal);
        }
        finally
        {
            store.Sandbox.FailNextRequests(0);
        }

        // A payment webhook for the customer (another purchase) may have saved a card: the next render asks Dodo.
        await shopper.BuyAsync("upsell-playbook-ebook");
        store.Sandbox.FailNextRequests(1000);
        try
        {
            var page = await shopper.Http.GetStringAsync($"orders/{order.Id}", Ct);
            Assert.Contains("Pay with a card", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Add to my order", page, StringComparison.Ordinal);
        }
        finally
        {
            store.Sandbox.FailNextRequests(0);
        }
    }
}
