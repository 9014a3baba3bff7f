using System.Net;
using System.Net.Http.Json;
using Dodo.Payments.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Web.Data;
using Storefront.Web.Features.Api;
using Storefront.Web.Features.Licenses;
using Storefront.Web.Features.Webhooks;

namespace Storefront.Web.Tests;

/// <summary>
/// Licence products: Dodo issues a key per purchase, the store keeps it from license_key.created, and My account shows
/// it with the activations the customer's software made at Dodo. An upgrade to the Team licence brings a new key.
/// </summary>
[Collection(LiveStoreCollection.Name)]
public sealed class LicenseKeyLibraryTests(LiveStore store)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASingleLicence_ShowsItsKeyAndActivations_OnMyAccount()
    {
        var shopper = await store.NewCustomerAsync();
        var order = await shopper.BuyAsync("single-license");
        var key = await KeyForPaymentAsync(order.PaymentId!);

        using var api = store.SandboxApi();
        using var activation = await api.PostAsJsonAsync("licenses/activate", new { license_key = key.Key, name = "Laptop" }, Ct);
        using var second = await api.PostAsJsonAsync("licenses/activate", new { license_key = key.Key, name = "Desktop" }, Ct);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.UnprocessableEntity), (activation.StatusCode, second.StatusCode)); // a Single licence is one machine

        var page = await shopper.Http.GetStringAsync(new Uri("account", UriKind.Relative), Ct);

        Assert.Contains($"<code>{key.Key}</code>", page, StringComparison.Ordinal);
        Assert.Contains("1 of 1 activations: Laptop", page, StringComparison.Ordinal);
        Assert.Equal(1, key.ActivationsLimit);
    }

    [Fact]
    public async Task UpgradingToTheTeamLicence_IssuesANewTeamKey_AndTheSingleKeyStays()
    {
        var shopper = await store.NewCustomerAsync();
        var single = await KeyForPaymentAsync((await shopper.BuyAsync("single-license")).PaymentId!);
        var customerId = await shopper.DodoCustomerIdAsync();
        var offer = (await shopper.Http.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{customerId}", Ct))!.Offer!;
        Assert.Equal("team-license", offer.Product.Id);

        using var accept = await shopper.Http.PostAsJsonAsync($"api/upsell/{customerId}/accept", new { attemptId = offer.AttemptId }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, accept.StatusCode);
        var paymentId = Assert.Single(await store.SandboxChargesForAsync(customerId, offer.AttemptId)).PaymentId;
        var team = await KeyForPaymentAsync(paymentId);

        Assert.NotEqual(single.Key, team.Key); // Dodo issues a key per purchase; the upgrade is a purchase
        Assert.Equal(5, team.ActivationsLimit);
        await using var scope = store.Services.CreateAsyncScope();
        var views = await scope.ServiceProvider.GetRequiredService<LicenseLibrary>().ForAsync(shopper.UserId, Ct);
        Assert.Equal([("Single license", single.Key), ("Team license", team.Key)], views.Select(v => (v.ProductName, v.Key)).OrderBy(v => v.ProductName));
        Assert.Contains(views, v => v.ActivationsLabel == "0 of 5 activations");
    }

    [Fact]
    public async Task TheSameKeyEventTwice_IsKeptOnce()
    {
        var shopper = await store.NewCustomerAsync();
        var key = await KeyForPaymentAsync((await shopper.BuyAsync("single-license")).PaymentId!);
        var webhook = WebhookEvent.Parse(System.Text.Encoding.UTF8.GetBytes($$$"""
            {"business_id":"bus_x","type":"license_key.created","timestamp":"2026-11-22T10:00:00Z","data":{"payload_type":"LicenseKey","id":"{{{key.Id}}}","key":"{{{key.Key}}}","status":"active","customer_id":"{{{key.DodoCustomerId}}}","product_id":"{{{key.DodoProductId}}}","payment_id":"{{{key.PaymentId}}}","instances_count":0,"created_at":"2026-11-22T10:00:00Z","business_id":"bus_x"}}
            """));
        await using var scope = store.Services.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetServices<IWebhookHandler>().OfType<LicenseKeyWebhookHandler>().Single();

        Assert.Equal(WebhookOutcome.Applied, await handler.HandleAsync(webhook, Ct));
        Assert.Equal(WebhookOutcome.Applied, await handler.HandleAsync(webhook, Ct));

        await using var db = await store.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(1, await db.LicenseKeys.CountAsync(k => k.Id == key.Id, Ct));
    }

    private Task<LicenseKeyRecord> KeyForPaymentAsync(string paymentId) =>
        store.WaitForAsync(db => db.LicenseKeys.AsNoTracking().FirstOrDefaultAsync(k => k.PaymentId == paymentId, Ct), _ => true, $"the licence key of {paymentId}");
}
