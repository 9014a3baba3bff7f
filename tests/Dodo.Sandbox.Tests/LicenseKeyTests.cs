using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dodo.Payments.Models;
using Dodo.Payments.Webhooks;

namespace Dodo.Sandbox.Tests;

/// <summary>
/// Licence keys as Dodo documents them: one issued per purchase of a licence-enabled product (license_key.created),
/// activations up to the product's limit through the public /licenses endpoints, and revoked when the purchase is refunded.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class LicenseKeyTests(SandboxHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APurchase_IssuesOneKey_AnnouncedWithTheOpenApiLicenseKeyResponseKeys()
    {
        var purchase = await Shopper.BuyAsync(host, SandboxHost.LicensedApp);
        var paymentId = purchase.Query("payment_id")!;

        var created = await host.WaitForWebhookAsync(w => w.Event.Type == WebhookEventTypes.LicenseKeyCreated && w.Event.LicenseKeyData().PaymentId == paymentId, "license_key.created");

        var data = System.Text.Json.Nodes.JsonNode.Parse(created.Event.Data.GetRawText())!.AsObject();
        Assert.Equal(
            ["activations_limit", "business_id", "created_at", "customer_id", "expires_at", "id", "instances_count", "key", "payload_type", "payment_id", "product_id", "status", "subscription_id"],
            data.Select(p => p.Key).Order(StringComparer.Ordinal));
        var key = created.Event.LicenseKeyData();
        Assert.Equal(("active", 2, SandboxHost.LicensedApp, purchase.CustomerId), (key.Status, key.ActivationsLimit, key.ProductId, key.CustomerId));
        var listed = await host.Client.ListLicenseKeysAsync(purchase.CustomerId!, 0, 100, Ct);
        Assert.Equal(key.Key, Assert.Single(listed.Items).Key);
        Assert.True((await GetAsync($"payments?customer_id={purchase.CustomerId}"))["items"]![0]!["has_license_key"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AProductWithoutLicences_IssuesNoKey()
    {
        var purchase = await Shopper.BuyAsync(host, SandboxHost.Addon);

        Assert.Empty((await host.Client.ListLicenseKeysAsync(purchase.CustomerId!, 0, 100, Ct)).Items);
    }

    [Fact]
    public async Task Activations_UpToTheLimit_ThenRefused_AndADeactivationFreesOne()
    {
        var key = await KeyForNewPurchaseAsync();

        using var laptop = await ActivateAsync(key.Key, "Laptop");
        using var desktop = await ActivateAsync(key.Key, "Desktop");
        using var third = await ActivateAsync(key.Key, "Third machine");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.UnprocessableEntity), (laptop.StatusCode, desktop.StatusCode, third.StatusCode));
        var activated = (await laptop.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal(["business_id", "created_at", "customer", "id", "license_key_id", "name", "product"], activated.Select(p => p.Key).Order(StringComparer.Ordinal));
        var instances = await host.Client.ListLicenseKeyInstancesAsync(key.Id, Ct);
        Assert.Equal(["Desktop", "Laptop"], instances.Items.Select(i => i.Name).Order(StringComparer.Ordinal));
        Assert.Equal(2, (await host.Client.GetLicenseKeyAsync(key.Id, Ct)).InstancesCount);

        using var freed = await host.Http.PostAsJsonAsync("licenses/deactivate", new { license_key = key.Key, license_key_instance_id = (string)activated["id"]! }, Ct);
        using var again = await ActivateAsync(key.Key, "Third machine");
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Created), (freed.StatusCode, again.StatusCode));
    }

    [Fact]
    public async Task ARefundedPurchase_DisablesItsKey_WhichNoLongerValidatesOrActivates()
    {
        var key = await KeyForNewPurchaseAsync();
        Assert.True(await ValidAsync(key.Key));

        using var refund = await host.Http.PostAsJsonAsync("refunds", new { payment_id = key.PaymentId }, Ct);
        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        await Storefront.Testing.Wait.UntilAsync(async () => (await host.Client.GetLicenseKeyAsync(key.Id, Ct)).Status == "disabled", "the key to be disabled");

        Assert.False(await ValidAsync(key.Key));
        using var activation = await ActivateAsync(key.Key, "Laptop");
        Assert.Equal(HttpStatusCode.Forbidden, activation.StatusCode);
    }

    [Fact]
    public async Task UnknownKey_IsNotFound_AndDoesNotValidate()
    {
        using var activation = await ActivateAsync("not-a-key", "Laptop");

        Assert.Equal(HttpStatusCode.NotFound, activation.StatusCode);
        Assert.False(await ValidAsync("not-a-key"));
    }

    private async Task<LicenseKey> KeyForNewPurchaseAsync()
    {
        var purchase = await Shopper.BuyAsync(host, SandboxHost.LicensedApp);
        return Assert.Single((await host.Client.ListLicenseKeysAsync(purchase.CustomerId!, 0, 100, Ct)).Items);
    }

    private Task<HttpResponseMessage> ActivateAsync(string key, string name) =>
        host.Http.PostAsJsonAsync("licenses/activate", new { license_key = key, name }, Ct);

    private async Task<bool> ValidAsync(string key)
    {
        using var response = await host.Http.PostAsJsonAsync("licenses/validate", new { license_key = key }, Ct);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["valid"]!.GetValue<bool>();
    }

    private async Task<JsonObject> GetAsync(string path) => (await host.Http.GetFromJsonAsync<JsonObject>(path, Ct))!;
}
