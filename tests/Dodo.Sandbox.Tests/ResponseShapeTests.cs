using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dodo.Payments.Models;
using Dodo.Payments.Tests;
using Dodo.Payments.Webhooks;
using Storefront.Testing;

namespace Dodo.Sandbox.Tests;

/// <summary>
/// The sandbox answers with exactly the fixtures' fields (shared/dodo-api/fixtures): the same keys, and the same JSON
/// type wherever both sides have a value (optional fields may be null, as Dodo's convention allows).
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class ResponseShapeTests(SandboxHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Customer_HasTheFixtureShape() =>
        AssertShape("customer.json", await GetAsync($"customers/{(await BuyerAsync()).CustomerId}"));

    [Fact]
    public async Task PaymentMethods_HaveTheFixtureShape() =>
        AssertShape("customer-payment-methods.response.json", await GetAsync($"customers/{(await BuyerAsync()).CustomerId}/payment-methods"));

    [Fact]
    public async Task OneTimeProduct_HasTheFixtureShape() =>
        AssertShape("product-one-time.json", await GetAsync($"products/{SandboxHost.Addon}"));

    [Fact]
    public async Task SubscriptionProduct_HasTheFixtureShape() =>
        AssertShape("product-subscription.json", await GetAsync($"products/{SandboxHost.Pro}"));

    [Fact]
    public async Task ProductList_PriceIsAnIntegerAndTheObjectIsInPriceDetail()
    {
        var items = (JsonArray)(await GetAsync("products?recurring=true"))["items"]!;

        Assert.All(items, item =>
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Number, item!["price"]!.GetValueKind());
            Assert.Equal("recurring_price", (string?)item["price_detail"]!["type"]);
        });
    }

    [Fact]
    public async Task OneClickCheckout_ResponseAndStatus_HaveTheFixtureShapes()
    {
        var (customerId, methodId) = await new OneClickRuleTests(host).CustomerWithCardAsync(Shopper.Visa);
        using var response = await host.Http.PostAsJsonAsync("checkouts", JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(
            OneClickRuleTests.OneClick(customerId, methodId, SandboxHost.Addon), Dodo.Payments.Json.DodoJson.Options)), Ct);
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;

        AssertShape("checkout-session-create.response.json", created);
        AssertShape("checkout-session-status.response.json", await GetAsync($"checkouts/{created["session_id"]}"));
    }

    [Fact]
    public async Task Refund_HasTheOpenApiRefundResponseKeys()
    {
        // No fixture holds a refund: the keys are openapi.yml's RefundResponse (refund list items drop "customer").
        var purchase = await Shopper.BuyAsync(host, SandboxHost.Addon);
        using var response = await host.Http.PostAsJsonAsync("refunds", new { payment_id = purchase.Query("payment_id") }, Ct);
        var refund = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;

        Assert.Equal(
            ["amount", "business_id", "created_at", "currency", "customer", "is_partial", "payment_id", "reason", "refund_id", "status"],
            refund.Select(p => p.Key).Order(StringComparer.Ordinal));
        var listed = (JsonArray)(await GetAsync($"refunds?customer_id={purchase.CustomerId}"))["items"]!;
        Assert.DoesNotContain("customer", ((JsonObject)listed.Single()!).Select(p => p.Key));
    }

    [Fact]
    public async Task PaymentCreate_ResponseHasTheFixtureShape()
    {
        var (customerId, methodId) = await new OneClickRuleTests(host).CustomerWithCardAsync(Shopper.Visa);
        var body = JsonNode.Parse(Fixtures.Read("payment-create.request.json"))!.AsObject();
        body["customer"]!["customer_id"] = customerId;
        body["payment_method_id"] = methodId;
        body["product_cart"]![0]!["product_id"] = SandboxHost.Addon;

        using var response = await host.Http.PostAsJsonAsync("payments", body, Ct);

        AssertShape("payment-create.response.json", (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!);
    }

    [Theory]
    [InlineData(SandboxHost.Basic, SandboxHost.Pro, "change-plan-preview-upgrade.response.json")]
    [InlineData(SandboxHost.Pro, SandboxHost.Basic, "change-plan-preview-downgrade.response.json")]
    public async Task Preview_HasTheFixtureShape(string from, string to, string fixture)
    {
        var subscription = await new PlanChangeTests(host).SubscribeAsync(from, Shopper.Visa);
        var request = JsonNode.Parse(Fixtures.Read("change-plan.request.json"))!.AsObject();
        request["product_id"] = to;

        using var response = await host.Http.PostAsJsonAsync($"subscriptions/{subscription.SubscriptionId}/change-plan/preview", request, Ct);

        AssertShape(fixture, (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!);
    }

    [Fact]
    public async Task Webhooks_PaymentAndSubscriptionEvents_HaveTheFixtureShapes()
    {
        var subscription = await new PlanChangeTests(host).SubscribeAsync(SandboxHost.Basic, Shopper.Visa);
        var active = await host.WaitForWebhookAsync(w => w.Event.Type == WebhookEventTypes.SubscriptionActive && w.Event.SubscriptionData().SubscriptionId == subscription.SubscriptionId, "active");
        var paid = await host.WaitForWebhookAsync(w => w.Event.Type == WebhookEventTypes.PaymentSucceeded && w.Event.PaymentData().SubscriptionId == subscription.SubscriptionId, "paid");

        AssertShape("webhook.subscription.active.json", Envelope(active));
        AssertShape("webhook.payment.succeeded.json", Envelope(paid));
    }

    [Fact]
    public async Task PaymentResource_IsTheWebhookDataWithoutPayloadType()
    {
        var purchase = await BuyerAsync();
        var payment = await GetAsync($"payments/{purchase.Query("payment_id")}");
        var expected = JsonNode.Parse(Fixtures.Read("webhook.payment.succeeded.json"))!["data"]!.AsObject();
        expected.Remove("payload_type");

        Assert.Empty(JsonShape.Differences(expected, payment, nullMatchesAnything: true));
    }

    private static JsonObject Envelope(ReceivedWebhook webhook) => new()
    {
        ["business_id"] = webhook.Event.BusinessId,
        ["type"] = webhook.Event.Type,
        ["timestamp"] = webhook.Event.Timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["data"] = JsonNode.Parse(webhook.Event.Data.GetRawText()),
    };

    private Task<Shopper.Purchase> BuyerAsync() => Shopper.BuyAsync(host, SandboxHost.Addon);

    private async Task<JsonObject> GetAsync(string path) => (await host.Http.GetFromJsonAsync<JsonObject>(path, Ct))!;

    private static void AssertShape(string fixture, JsonNode actual)
    {
        var differences = JsonShape.Differences(JsonNode.Parse(Fixtures.Read(fixture)), actual, nullMatchesAnything: true);
        Assert.True(differences.Count == 0, fixture + ":\n" + string.Join('\n', differences));
    }
}
