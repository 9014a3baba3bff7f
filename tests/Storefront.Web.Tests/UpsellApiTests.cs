using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Features.Api;

namespace Storefront.Web.Tests;

[Collection(LiveStoreCollection.Name)]
public sealed class UpsellApiTests(LiveStore store)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetOffer_OwnId_ShowsProductPriceDifferenceAndCard()
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("starter-course");

        var offer = await shopper.Http.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{await shopper.DodoCustomerIdAsync()}", Ct);

        Assert.True(offer!.Eligible);
        // The customer owns the Starter course, so one click charges the bundle's upgrade price: the difference.
        Assert.Equal(("complete-bundle", 10000L, "USD"), (offer.Offer!.Product.Id, offer.Offer.Price.Amount, offer.Offer.Price.Currency));
        Assert.Null(offer.Offer.Difference);
        Assert.Equal(("VISA", "4242"), (offer.PaymentMethod!.Network, offer.PaymentMethod.Last4));
        Assert.True(offer.Offer.OneClick);
    }

    [Fact]
    public async Task GetOffer_AnotherCustomersId_Is403()
    {
        var victim = await store.NewCustomerAsync();
        await victim.BuyAsync("starter-course");
        var attacker = await store.NewCustomerAsync();

        using var response = await attacker.Http.GetAsync(new Uri($"api/upsell/{await victim.DodoCustomerIdAsync()}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Accept_AnotherCustomersId_Is403AndChargesNothing()
    {
        var victim = await store.NewCustomerAsync();
        await victim.BuyAsync("starter-course");
        var victimId = await victim.DodoCustomerIdAsync();
        var offer = (await victim.Http.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{victimId}", Ct))!.Offer!;
        var attacker = await store.NewCustomerAsync();

        using var response = await attacker.Http.PostAsJsonAsync($"api/upsell/{victimId}/accept", new { attemptId = offer.AttemptId }, Ct);

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, await response.Content.ReadAsStringAsync(Ct));
        await using var db = await store.Get<IDbContextFactory<Storefront.Web.Data.StorefrontDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(Storefront.Web.Features.Offers.OfferAttemptStatus.Shown, (await db.OfferAttempts.SingleAsync(a => a.Id == offer.AttemptId, Ct)).Status);
    }

    [Fact]
    public async Task Accept_SomeoneElsesAttemptOnOwnId_Is404()
    {
        var victim = await store.NewCustomerAsync();
        await victim.BuyAsync("starter-course");
        var offer = (await victim.Http.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{await victim.DodoCustomerIdAsync()}", Ct))!.Offer!;
        var attacker = await store.NewCustomerAsync();
        await attacker.BuyAsync("single-license");

        using var response = await attacker.Http.PostAsJsonAsync($"api/upsell/{await attacker.DodoCustomerIdAsync()}/accept", new { attemptId = offer.AttemptId }, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("not this customer's", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pro-plan", null)]
    [InlineData(null, 100L)]
    public async Task Accept_TamperedProductOrPrice_Is409AndChargesNothing(string? productId, long? amount)
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("starter-course");
        var customerId = await shopper.DodoCustomerIdAsync();
        var offer = (await shopper.Http.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{customerId}", Ct))!.Offer!;

        using var response = await shopper.Http.PostAsJsonAsync($"api/upsell/{customerId}/accept", new { attemptId = offer.AttemptId, productId, amount }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Prices and products come from the server", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var still = await shopper.Http.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{customerId}", Ct);
        Assert.Equal(offer.AttemptId, still!.Offer!.AttemptId);
    }

    [Fact]
    public async Task Accept_MissingAttemptId_Is400WithAReason()
    {
        var shopper = await store.NewCustomerAsync();

        using var response = await shopper.Http.PostAsJsonAsync($"api/upsell/{shopper.UserId}/accept", new { }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("attemptId", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetOffer_Anonymous_Is401()
    {
        using var response = await store.Client().GetAsync(new Uri("api/upsell/cus_anything", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task GetOffer_Admin_MayReadAnyCustomer()
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("starter-course");
        var admin = store.Client();
        using var _ = await new StoreClient(admin).SignInAsync("admin@storefront.test", "admin-demo-pass");

        var offer = await admin.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{await shopper.DodoCustomerIdAsync()}", Ct);

        Assert.True(offer!.Eligible);
    }
}
