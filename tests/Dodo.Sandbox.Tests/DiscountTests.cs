using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dodo.Payments;
using Dodo.Payments.Models;

namespace Dodo.Sandbox.Tests;

/// <summary>
/// Dodo's discounts API as the OpenAPI describes it (percentage in basis points, codes uppercased, restricted to
/// products, usage limits), and discount codes applied to checkout and payment amounts.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class DiscountTests(SandboxHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_AnswersWithTheOpenApiDiscountResponseKeys_AndUppercasesTheCode()
    {
        var code = "off" + Guid.NewGuid().ToString("N")[..8];
        using var response = await host.Http.PostAsJsonAsync("discounts", new { type = "percentage", amount = 2000, code, restricted_to = new[] { SandboxHost.Addon } }, Ct);
        var discount = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            ["amount", "business_id", "code", "created_at", "discount_id", "expires_at", "name", "restricted_to", "subscription_cycles", "times_used", "type", "usage_limit"],
            discount.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(code.ToUpperInvariant(), (string?)discount["code"]);
        Assert.Equal(2000, (int)discount["amount"]!);
        var fetched = await host.Client.GetDiscountAsync((string)discount["discount_id"]!, Ct);
        Assert.Equal([SandboxHost.Addon], fetched.RestrictedTo);
    }

    [Theory]
    [InlineData("flat", 500, "type")]
    [InlineData("percentage", 0, "amount")]
    [InlineData("percentage", 10_001, "amount")]
    public async Task Create_OutsideTheApi_IsRefused(string type, int amount, string named)
    {
        var error = await Assert.ThrowsAsync<DodoApiException>(() => host.Client.CreateDiscountAsync(new CreateDiscountRequest { Type = type, Amount = amount }, Ct));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Contains(named, error.DodoMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneClick_WithACode_ChargesTheDiscountedAmount_AndCountsAUse()
    {
        var discount = await NewDiscountAsync(1500, restrictedTo: SandboxHost.Addon);
        var (customerId, methodId) = await new OneClickRuleTests(host).CustomerWithCardAsync(Shopper.Visa);

        var session = await host.Client.CreateCheckoutSessionAsync(
            OneClickRuleTests.OneClick(customerId, methodId, SandboxHost.Addon) with
            {
                ProductCart = [new ProductCartItem { ProductId = SandboxHost.Addon, Quantity = 3 }],
                DiscountCodes = [discount.Code.ToLowerInvariant()],
            }, Ct);

        var payment = await host.SettledPaymentAsync(session.PaymentId!);
        Assert.Equal(4845, payment.TotalAmount); // 3 × $19.00 = $57.00, less 15% ($8.55)
        Assert.Equal(1, (await host.Client.GetDiscountAsync(discount.DiscountId, Ct)).TimesUsed);
    }

    [Fact]
    public async Task HostedCheckout_WithACode_ShowsAndChargesTheDiscountedTotal()
    {
        var discount = await NewDiscountAsync(2000, restrictedTo: SandboxHost.Addon);
        var session = await host.Client.CreateCheckoutSessionAsync(new CheckoutSessionRequest
        {
            ProductCart = [new ProductCartItem { ProductId = SandboxHost.Addon, Quantity = 1 }],
            Customer = CustomerRequest.New($"discount-{Guid.NewGuid():N}@example.com"),
            ReturnUrl = "https://store.example/orders/1",
            DiscountCodes = [discount.Code],
        }, Ct);

        var page = await host.Browser.GetStringAsync(new Uri(session.CheckoutUrl!), Ct);

        Assert.Contains("Pay $15.20", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NOSUCHCODE")]
    [InlineData("restricted")]
    [InlineData("used up")]
    [InlineData("deleted")]
    public async Task AnUnusableCode_RefusesTheWholeRequest_AndNothingIsCharged(string why)
    {
        var (customerId, methodId) = await new OneClickRuleTests(host).CustomerWithCardAsync(Shopper.Visa);
        var code = why switch
        {
            "NOSUCHCODE" => "NOSUCHCODE",
            "restricted" => (await NewDiscountAsync(1000, restrictedTo: SandboxHost.RupeeCourse)).Code,
            "used up" => (await NewDiscountAsync(1000, restrictedTo: SandboxHost.Addon, usageLimit: 1)).Code,
            _ => (await NewDiscountAsync(1000, restrictedTo: SandboxHost.Addon)).Code,
        };
        if (why == "used up")
        {
            await host.Client.CreateCheckoutSessionAsync(OneClickRuleTests.OneClick(customerId, methodId, SandboxHost.Addon) with { DiscountCodes = [code] }, Ct);
        }
        else if (why == "deleted")
        {
            var id = (await host.Client.ListDiscountsAsync(0, 100, Ct)).Items.Single(d => d.Code == code).DiscountId;
            using var deleted = await host.Http.DeleteAsync(new Uri($"discounts/{id}", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        var before = (await host.Client.ListPaymentsAsync(new PaymentListQuery { CustomerId = customerId }, Ct)).Items.Count;
        var error = await Assert.ThrowsAsync<DodoApiException>(() => host.Client.CreateCheckoutSessionAsync(
            OneClickRuleTests.OneClick(customerId, methodId, SandboxHost.Addon) with { DiscountCodes = [code] }, Ct));

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "INVALID_DISCOUNT_CODE"), (error.Status, error.Code));
        Assert.Equal(before, (await host.Client.ListPaymentsAsync(new PaymentListQuery { CustomerId = customerId }, Ct)).Items.Count);
    }

    private Task<Discount> NewDiscountAsync(int basisPoints, string restrictedTo, int? usageLimit = null) =>
        host.Client.CreateDiscountAsync(new CreateDiscountRequest { Amount = basisPoints, RestrictedTo = [restrictedTo], UsageLimit = usageLimit }, Ct);
}
