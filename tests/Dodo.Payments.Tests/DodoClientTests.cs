using System.Net;
using Dodo.Payments.Models;
using Storefront.Testing;

namespace Dodo.Payments.Tests;

public sealed class DodoClientTests
{
    private static (DodoClient Client, StubHandler Stub) Create(params Func<HttpRequestMessage, HttpResponseMessage>[] script)
    {
        var stub = new StubHandler(script);
        var retry = new IdempotentRetryHandler(2, TimeSpan.FromMilliseconds(1)) { InnerHandler = stub };
        var http = new HttpClient(retry) { BaseAddress = new Uri("https://test.dodopayments.com/") };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "sk_test");
        return (new DodoClient(http), stub);
    }

    [Fact]
    public async Task GetPaymentMethods_SendsBearerKeyToTheSdkPath()
    {
        var (client, stub) = Create(_ => StubHandler.Json(HttpStatusCode.OK, Fixtures.Read("customer-payment-methods.response.json")));

        var methods = await client.ListPaymentMethodsAsync("cus_4Fm8Qz2Wx7Lt1Rk9Vp3Nd", TestContext.Current.CancellationToken);

        Assert.Equal(2, methods.Items.Count);
        Assert.Equal("https://test.dodopayments.com/customers/cus_4Fm8Qz2Wx7Lt1Rk9Vp3Nd/payment-methods", stub.Requests.Single().Url);
        Assert.Equal("Bearer sk_test", stub.Requests.Single().Authorization);
    }

    [Fact]
    public async Task Error_DodoErrorBody_BecomesTypedExceptionWithStatusCodeAndMessage()
    {
        var (client, _) = Create(_ => StubHandler.Json(HttpStatusCode.UnprocessableEntity, """{"code":"INVALID_REQUEST_PARAMETERS","message":"payment_method_id is only allowed when confirm is true."}"""));

        var error = await Assert.ThrowsAsync<DodoApiException>(() => client.CreateCheckoutSessionAsync(
            new CheckoutSessionRequest { ProductCart = [new ProductCartItem { ProductId = "pdt_1" }] }, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Equal("INVALID_REQUEST_PARAMETERS", error.Code);
        Assert.Equal("payment_method_id is only allowed when confirm is true.", error.DodoMessage);
    }

    [Fact]
    public async Task Get_TransientFailures_AreRetriedThenSucceed()
    {
        var (client, stub) = Create(
            _ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
            _ => throw new HttpRequestException("connection reset"),
            _ => StubHandler.Json(HttpStatusCode.OK, Fixtures.Read("customer.json")));

        var customer = await client.GetCustomerAsync("cus_4Fm8Qz2Wx7Lt1Rk9Vp3Nd", TestContext.Current.CancellationToken);

        Assert.Equal("Ana Silva", customer.Name);
        Assert.Equal(3, stub.Requests.Count);
    }

    [Fact]
    public async Task Post_ServerError_IsNeverRetried()
    {
        var (client, stub) = Create(_ => StubHandler.Json(HttpStatusCode.InternalServerError, """{"code":"INTERNAL_SERVER_ERROR","message":"boom"}"""));

        await Assert.ThrowsAsync<DodoApiException>(() => client.CreateCheckoutSessionAsync(
            new CheckoutSessionRequest { ProductCart = [new ProductCartItem { ProductId = "pdt_1" }] }, TestContext.Current.CancellationToken));

        Assert.Single(stub.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    public async Task ConfirmedCheckout_ServerErrorOrTimeout_IsAnUnknownOutcomeNotARefusal(HttpStatusCode status)
    {
        var (client, stub) = Create(_ => StubHandler.Json(status, """{"code":"INTERNAL_SERVER_ERROR","message":"boom"}"""));

        await Assert.ThrowsAsync<DodoUnknownOutcomeException>(() => client.CreateCheckoutSessionAsync(OneClick(), TestContext.Current.CancellationToken));

        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task ConfirmedCheckout_SuccessWhoseBodyCannotBeRead_IsAnUnknownOutcome()
    {
        var (client, _) = Create(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>proxy says hi</html>") });

        await Assert.ThrowsAsync<DodoUnknownOutcomeException>(() => client.CreateCheckoutSessionAsync(OneClick(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ConfirmedCheckout_DodosExplicit4xxRefusal_IsARefusal()
    {
        var (client, _) = Create(_ => StubHandler.Json(HttpStatusCode.UnprocessableEntity, """{"code":"INVALID_REQUEST_PARAMETERS","message":"expired card"}"""));

        var refused = await Assert.ThrowsAsync<DodoApiException>(() => client.CreateCheckoutSessionAsync(OneClick(), TestContext.Current.CancellationToken));

        Assert.Equal("INVALID_REQUEST_PARAMETERS", refused.Code);
    }

    [Fact]
    public async Task ChangePlan_ServerError_IsAnUnknownOutcomeAndSentOnce()
    {
        var (client, stub) = Create(_ => new HttpResponseMessage(HttpStatusCode.BadGateway));

        await Assert.ThrowsAsync<DodoUnknownOutcomeException>(() => client.ChangePlanAsync("sub_1", new ChangePlanRequest
        {
            ProductId = "pdt_2", Quantity = 1, ProrationBillingMode = ProrationBillingMode.DifferenceImmediately,
        }, TestContext.Current.CancellationToken));

        Assert.Single(stub.Requests);
    }

    private static CheckoutSessionRequest OneClick() => new()
    {
        ProductCart = [new ProductCartItem { ProductId = "pdt_1", Quantity = 1 }],
        Customer = CustomerRequest.Existing("cus_1"),
        PaymentMethodId = "pm_1",
        Confirm = true,
    };

    [Fact]
    public async Task Post_ConnectionDropped_IsAnUnknownOutcomeAndSentOnce()
    {
        var (client, stub) = Create(_ => throw new HttpRequestException("The response ended prematurely."));

        var error = await Assert.ThrowsAsync<DodoUnknownOutcomeException>(() => client.ChangePlanAsync("sub_1", new ChangePlanRequest
        {
            ProductId = "pdt_pro", ProrationBillingMode = ProrationBillingMode.DifferenceImmediately,
        }, TestContext.Current.CancellationToken));

        Assert.Contains("change-plan", error.Operation, StringComparison.Ordinal);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task ChangePlan_EmptyBody200_Completes()
    {
        var (client, stub) = Create(_ => new HttpResponseMessage(HttpStatusCode.OK));

        await client.ChangePlanAsync("sub_3Sd8Kw2Lq7Zx4Vn9Rm1Tp", new ChangePlanRequest
        {
            ProductId = "pdt_8Pr5Nz2Kw7Xq4Lm9Vt1Bh", ProrationBillingMode = ProrationBillingMode.DifferenceImmediately,
        }, TestContext.Current.CancellationToken);

        Assert.Equal("https://test.dodopayments.com/subscriptions/sub_3Sd8Kw2Lq7Zx4Vn9Rm1Tp/change-plan", stub.Requests.Single().Url);
    }

    [Fact]
    public async Task ListPayments_Filters_UseDodosQueryNamesAndRfc3339()
    {
        var (client, stub) = Create(_ => StubHandler.Json(HttpStatusCode.OK, """{"items":[]}"""));

        await client.ListPaymentsAsync(new PaymentListQuery
        {
            CustomerId = "cus_1",
            Status = PaymentStatus.Succeeded,
            CreatedAtGte = new DateTimeOffset(2026, 9, 1, 9, 30, 0, TimeSpan.Zero),
            PageSize = 50,
        }, TestContext.Current.CancellationToken);

        Assert.Equal("https://test.dodopayments.com/payments?customer_id=cus_1&status=succeeded&created_at_gte=2026-09-01T09%3A30%3A00Z&page_number=0&page_size=50",
            stub.Requests.Single().Url);
    }

    [Fact]
    public async Task ListAllProducts_ShortPage_StopsWithoutSkippingPageOne()
    {
        var full = "{\"items\":[" + string.Join(',', Enumerable.Range(0, 100).Select(i => $"{{\"product_id\":\"pdt_{i}\",\"business_id\":\"b\",\"is_recurring\":false}}")) + "]}";
        var (client, stub) = Create(
            _ => StubHandler.Json(HttpStatusCode.OK, full),
            _ => StubHandler.Json(HttpStatusCode.OK, """{"items":[{"product_id":"pdt_last","business_id":"b","is_recurring":true,"price":8000,"currency":"USD"}]}"""));

        var products = await client.ListAllProductsAsync(archived: false, TestContext.Current.CancellationToken);

        Assert.Equal(101, products.Count);
        Assert.Contains("page_number=0", stub.Requests[0].Url, StringComparison.Ordinal);
        Assert.Contains("page_number=1", stub.Requests[1].Url, StringComparison.Ordinal);
        Assert.Equal(8000, products[^1].Price);
    }
}
