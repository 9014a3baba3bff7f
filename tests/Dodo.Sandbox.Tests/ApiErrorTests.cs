using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Dodo.Payments;
using Dodo.Payments.Models;

namespace Dodo.Sandbox.Tests;

/// <summary>Wrong key → 401, malformed body → 422 with code and message, unknown id → 404; none of them changes anything.</summary>
[Collection(SandboxCollection.Name)]
public sealed class ApiErrorTests(SandboxHost host) : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => host.Controls.Reset();

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-key")]
    public async Task WrongOrMissingKey_Returns401AndCreatesNothing(string? authorization)
    {
        var email = $"nokey-{Guid.NewGuid():N}@example.com";
        using var request = new HttpRequestMessage(HttpMethod.Post, "customers") { Content = JsonContent.Create(new { email, name = "No Key" }) };
        request.Headers.Authorization = null;
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var raw = new HttpClient { BaseAddress = host.Http.BaseAddress };
        using var response = await raw.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("UNAUTHORIZED", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["code"]);
        Assert.Empty((await host.Client.ListCustomersAsync(new CustomerListQuery { Email = email }, Ct)).Items);
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("[1,2]", "JSON object")]
    [InlineData("{\"name\":\"No Email\"}", "email is required")]
    [InlineData("{\"email\":\"x@example.com\",\"name\":\"X\",\"metadata\":{\"nested\":{\"a\":1}}}", "metadata.nested")]
    public async Task MalformedBody_Returns422WithCodeAndMessage(string body, string reason)
    {
        using var response = await host.Http.PostAsync("customers", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Equal("INVALID_REQUEST_BODY", (string?)error!["code"]);
        Assert.Contains(reason, (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckoutWithEmptyCart_Returns422AndCreatesNoSession()
    {
        var error = await Assert.ThrowsAsync<DodoApiException>(() => host.Client.CreateCheckoutSessionAsync(new CheckoutSessionRequest { ProductCart = [] }, Ct));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
    }

    [Theory]
    [InlineData("customers/cus_missing0000000000000000")]
    [InlineData("payments/pay_missing0000000000000000")]
    [InlineData("subscriptions/sub_missing0000000000000000")]
    [InlineData("products/pdt_missing0000000000000000")]
    [InlineData("checkouts/cks_missing0000000000000000")]
    public async Task UnknownId_Returns404WithDodosErrorShape(string path)
    {
        using var response = await host.Http.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NOT_FOUND", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["code"]);
    }

    [Fact]
    public async Task BadPageSize_Returns422()
    {
        using var response = await host.Http.GetAsync("payments?page_size=500", Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task InjectedServerError_OnAGet_IsRetriedByTheClient()
    {
        var purchase = await Shopper.BuyAsync(host, SandboxHost.Addon);
        host.Controls.FailNextRequests(1);

        var payment = await host.Client.GetPaymentAsync(purchase.Query("payment_id")!, Ct);

        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
    }

    [Fact]
    public async Task ConnectionDroppedAfterTheCharge_ClientSeesUnknownOutcome_AndTheChargeIsFoundByLookup()
    {
        var (customerId, methodId) = await new OneClickRuleTests(host).CustomerWithCardAsync(Shopper.Visa);
        var request = OneClickRuleTests.OneClick(customerId, methodId, SandboxHost.Addon);
        host.Controls.DropConnectionAfterNextCharges(1);

        await Assert.ThrowsAsync<DodoUnknownOutcomeException>(() => host.Client.CreateCheckoutSessionAsync(request, Ct));

        var attempt = request.Metadata!["offer_attempt_id"];
        var payments = (await host.Client.ListPaymentsAsync(new PaymentListQuery { CustomerId = customerId }, Ct)).Items;
        Assert.Single(payments, p => p.Metadata!.GetValueOrDefault("offer_attempt_id") == attempt);
    }

    [Fact]
    public async Task Latency_DelaysTheAnswer()
    {
        host.Controls.LatencyMilliseconds = 300;
        var watch = System.Diagnostics.Stopwatch.StartNew();

        await host.Client.GetProductAsync(SandboxHost.Addon, Ct);

        // A timer may fire up to a tick (a few ms) early; without the switch the answer takes a few ms in all.
        Assert.True(watch.ElapsedMilliseconds >= 290, $"answered after {watch.ElapsedMilliseconds} ms");
    }
}
