using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dodo.Payments.Json;
using Dodo.Payments.Models;

namespace Dodo.Payments;

/// <summary>
/// Typed client for the Dodo Payments REST API (paths and fields per the SDK; see shared/dodo-api/README.md).
/// Errors become <see cref="DodoApiException"/>. GETs are retried by <see cref="IdempotentRetryHandler"/>; a POST is
/// never re-sent. For a POST that can move money (a confirmed checkout, a payment, a plan change, a card update that
/// pays dues), anything but Dodo's explicit 4xx refusal — no answer, a timeout (408), a 5xx, a 2xx whose body cannot
/// be read — throws <see cref="DodoUnknownOutcomeException"/>: Dodo may have charged, so only a lookup can tell.
/// </summary>
public sealed class DodoClient(HttpClient http)
{
    // Customers

    /// <summary>Dodo's hosted billing portal for the customer: a link to send them to (POST /customers/{id}/customer-portal/session).</summary>
    public async Task<Uri> CreateCustomerPortalSessionAsync(string customerId, CancellationToken cancellationToken) =>
        new((await SendAsync<CustomerPortalSession>(HttpMethod.Post, $"customers/{Id(customerId)}/customer-portal/session", null, cancellationToken)).Link);

    /// <summary>
    /// The payment's invoice (a PDF). Dodo serves it without authentication (get_payment_invoice_no_auth), so this is
    /// a link for the customer's browser, not a call.
    /// </summary>
    public Uri PaymentInvoiceUrl(string paymentId) =>
        new(http.BaseAddress ?? throw new InvalidOperationException("The Dodo client has no base address."), $"invoices/payments/{Id(paymentId)}");

    public Task<Customer> CreateCustomerAsync(CreateCustomerRequest request, CancellationToken cancellationToken) =>
        SendAsync<Customer>(HttpMethod.Post, "customers", request, cancellationToken);

    public Task<Customer> GetCustomerAsync(string customerId, CancellationToken cancellationToken) =>
        SendAsync<Customer>(HttpMethod.Get, $"customers/{Id(customerId)}", null, cancellationToken);

    public Task<ListResponse<Customer>> ListCustomersAsync(CustomerListQuery query, CancellationToken cancellationToken) =>
        SendAsync<ListResponse<Customer>>(HttpMethod.Get, "customers" + new Query()
            .Add("email", query.Email).Add("name", query.Name)
            .Add("created_at_gte", query.CreatedAtGte).Add("created_at_lte", query.CreatedAtLte)
            .Page(query.PageNumber, query.PageSize), null, cancellationToken);

    public Task<ListResponse<PaymentMethodItem>> ListPaymentMethodsAsync(string customerId, CancellationToken cancellationToken) =>
        SendAsync<ListResponse<PaymentMethodItem>>(HttpMethod.Get, $"customers/{Id(customerId)}/payment-methods", null, cancellationToken);

    public Task DeletePaymentMethodAsync(string customerId, string paymentMethodId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"customers/{Id(customerId)}/payment-methods/{Id(paymentMethodId)}", null, cancellationToken);

    // Products

    public Task<Product> GetProductAsync(string productId, CancellationToken cancellationToken) =>
        SendAsync<Product>(HttpMethod.Get, $"products/{Id(productId)}", null, cancellationToken);

    public Task<ListResponse<ProductListItem>> ListProductsAsync(ProductListQuery query, CancellationToken cancellationToken) =>
        SendAsync<ListResponse<ProductListItem>>(HttpMethod.Get, "products" + new Query()
            .Add("recurring", query.Recurring).Add("archived", query.Archived)
            .Page(query.PageNumber, query.PageSize), null, cancellationToken);

    /// <summary>Every page of the product list. Pages are 0-based; a short page is the last one.</summary>
    public async Task<IReadOnlyList<ProductListItem>> ListAllProductsAsync(bool archived, CancellationToken cancellationToken)
    {
        const int pageSize = 100;
        var all = new List<ProductListItem>();
        for (var page = 0; ; page++)
        {
            var items = (await ListProductsAsync(new ProductListQuery { Archived = archived, PageNumber = page, PageSize = pageSize }, cancellationToken)).Items;
            all.AddRange(items);
            if (items.Count < pageSize)
            {
                return all;
            }
        }
    }

    // Checkout sessions

    /// <summary>Creates a checkout session. With a saved payment method and <c>confirm: true</c> this charges the card.</summary>
    public Task<CheckoutSessionResponse> CreateCheckoutSessionAsync(CheckoutSessionRequest request, CancellationToken cancellationToken) =>
        SendAsync<CheckoutSessionResponse>(HttpMethod.Post, "checkouts", request, cancellationToken,
            movesMoney: request.Confirm == true || request.PaymentMethodId is not null);

    public Task<CheckoutSessionStatus> GetCheckoutSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        SendAsync<CheckoutSessionStatus>(HttpMethod.Get, $"checkouts/{Id(sessionId)}", null, cancellationToken);

    // Payments

    public Task<PaymentCreateResponse> CreatePaymentAsync(PaymentCreateRequest request, CancellationToken cancellationToken) =>
        SendAsync<PaymentCreateResponse>(HttpMethod.Post, "payments", request, cancellationToken, movesMoney: true);

    public Task<Payment> GetPaymentAsync(string paymentId, CancellationToken cancellationToken) =>
        SendAsync<Payment>(HttpMethod.Get, $"payments/{Id(paymentId)}", null, cancellationToken);

    public Task<ListResponse<PaymentListItem>> ListPaymentsAsync(PaymentListQuery query, CancellationToken cancellationToken) =>
        SendAsync<ListResponse<PaymentListItem>>(HttpMethod.Get, "payments" + new Query()
            .Add("customer_id", query.CustomerId).Add("subscription_id", query.SubscriptionId)
            .Add("product_id", query.ProductId)
            .Add("status", query.Status is { } status ? TolerantEnumConverter<PaymentStatus>.WireName(status) : null)
            .Add("created_at_gte", query.CreatedAtGte).Add("created_at_lte", query.CreatedAtLte)
            .Page(query.PageNumber, query.PageSize), null, cancellationToken);

    // Discounts

    /// <summary>Creates a discount code. Moves no money; a lost answer may leave a code behind, found again by <see cref="GetDiscountAsync"/> or the list.</summary>
    public Task<Discount> CreateDiscountAsync(CreateDiscountRequest request, CancellationToken cancellationToken) =>
        SendAsync<Discount>(HttpMethod.Post, "discounts", request, cancellationToken);

    public Task<Discount> GetDiscountAsync(string discountId, CancellationToken cancellationToken) =>
        SendAsync<Discount>(HttpMethod.Get, $"discounts/{Id(discountId)}", null, cancellationToken);

    public Task<ListResponse<Discount>> ListDiscountsAsync(int pageNumber, int pageSize, CancellationToken cancellationToken) =>
        SendAsync<ListResponse<Discount>>(HttpMethod.Get, "discounts" + new Query().Page(pageNumber, pageSize), null, cancellationToken);

    // Licence keys

    public Task<ListResponse<LicenseKey>> ListLicenseKeysAsync(string customerId, int pageNumber, int pageSize, CancellationToken cancellationToken) =>
        SendAsync<ListResponse<LicenseKey>>(HttpMethod.Get, "license_keys" + new Query().Add("customer_id", customerId).Page(pageNumber, pageSize), null, cancellationToken);

    public Task<LicenseKey> GetLicenseKeyAsync(string licenseKeyId, CancellationToken cancellationToken) =>
        SendAsync<LicenseKey>(HttpMethod.Get, $"license_keys/{Id(licenseKeyId)}", null, cancellationToken);

    public Task<ListResponse<LicenseKeyInstance>> ListLicenseKeyInstancesAsync(string licenseKeyId, CancellationToken cancellationToken) =>
        SendAsync<ListResponse<LicenseKeyInstance>>(HttpMethod.Get, "license_key_instances" + new Query().Add("license_key_id", licenseKeyId).Page(0, 100), null, cancellationToken);

    // Refunds

    /// <summary>Moves money back: an answer that is lost is an unknown outcome, settled by listing the payment's refunds.</summary>
    public Task<Refund> CreateRefundAsync(CreateRefundRequest request, CancellationToken cancellationToken) =>
        SendAsync<Refund>(HttpMethod.Post, "refunds", request, cancellationToken, movesMoney: true);

    public Task<Refund> GetRefundAsync(string refundId, CancellationToken cancellationToken) =>
        SendAsync<Refund>(HttpMethod.Get, $"refunds/{Id(refundId)}", null, cancellationToken);

    public Task<ListResponse<Refund>> ListRefundsAsync(RefundListQuery query, CancellationToken cancellationToken) =>
        SendAsync<ListResponse<Refund>>(HttpMethod.Get, "refunds" + new Query()
            .Add("customer_id", query.CustomerId)
            .Add("status", query.Status is { } status ? TolerantEnumConverter<RefundStatus>.WireName(status) : null)
            .Add("created_at_gte", query.CreatedAtGte).Add("created_at_lte", query.CreatedAtLte)
            .Page(query.PageNumber, query.PageSize), null, cancellationToken);

    // Subscriptions

    public Task<Subscription> GetSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken) =>
        SendAsync<Subscription>(HttpMethod.Get, $"subscriptions/{Id(subscriptionId)}", null, cancellationToken);

    public Task<ListResponse<SubscriptionListItem>> ListSubscriptionsAsync(SubscriptionListQuery query, CancellationToken cancellationToken) =>
        SendAsync<ListResponse<SubscriptionListItem>>(HttpMethod.Get, "subscriptions" + new Query()
            .Add("customer_id", query.CustomerId).Add("product_id", query.ProductId)
            .Add("status", query.Status is { } status ? TolerantEnumConverter<SubscriptionStatus>.WireName(status) : null)
            .Page(query.PageNumber, query.PageSize), null, cancellationToken);

    public Task<Subscription> UpdateSubscriptionAsync(string subscriptionId, SubscriptionUpdateRequest request, CancellationToken cancellationToken) =>
        SendAsync<Subscription>(HttpMethod.Patch, $"subscriptions/{Id(subscriptionId)}", request, cancellationToken);

    /// <summary>Changes the plan. Dodo answers 200 with no body; the outcome arrives by webhook.</summary>
    public Task ChangePlanAsync(string subscriptionId, ChangePlanRequest request, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"subscriptions/{Id(subscriptionId)}/change-plan", request, cancellationToken, movesMoney: true);

    /// <summary>What <see cref="ChangePlanAsync"/> would charge and credit, with nothing changed.</summary>
    public Task<ChangePlanPreview> PreviewChangePlanAsync(string subscriptionId, ChangePlanRequest request, CancellationToken cancellationToken) =>
        SendAsync<ChangePlanPreview>(HttpMethod.Post, $"subscriptions/{Id(subscriptionId)}/change-plan/preview", request, cancellationToken);

    public Task CancelScheduledChangeAsync(string subscriptionId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"subscriptions/{Id(subscriptionId)}/change-plan/scheduled", null, cancellationToken);

    public Task<UpdatePaymentMethodResponse> UpdatePaymentMethodAsync(string subscriptionId, UpdatePaymentMethodRequest request, CancellationToken cancellationToken) =>
        SendAsync<UpdatePaymentMethodResponse>(HttpMethod.Post, $"subscriptions/{Id(subscriptionId)}/update-payment-method", request, cancellationToken,
            movesMoney: true);

    // Transport

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken, bool movesMoney = false)
    {
        using var response = await SendCoreAsync(method, path, body, movesMoney, cancellationToken);
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(DodoJson.Options, cancellationToken)
                ?? throw new JsonException("empty body");
        }
        catch (JsonException error) when (movesMoney)
        {
            // Dodo said yes, but we can't read what it did: the charge may exist.
            throw new DodoUnknownOutcomeException($"{method} {path}", error);
        }
        catch (JsonException error)
        {
            throw new DodoApiException(response.StatusCode, "UNREADABLE_RESPONSE", $"{method} {path}: {error.Message}");
        }
    }

    private async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken, bool movesMoney = false)
    {
        using var _ = await SendCoreAsync(method, path, body, movesMoney, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendCoreAsync(HttpMethod method, string path, object? body, bool movesMoney, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, body.GetType(), DodoJson.Options), Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception error) when (method != HttpMethod.Get && IsTransport(error, cancellationToken))
        {
            throw new DodoUnknownOutcomeException($"{method} {path}", error);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var refusal = await ToApiExceptionAsync(response, cancellationToken);
            if (movesMoney && IsUnknownOutcome(response.StatusCode))
            {
                throw new DodoUnknownOutcomeException($"{method} {path} answered {(int)response.StatusCode}", refusal);
            }

            throw refusal;
        }
    }

    /// <summary>A timeout or a server error is not a refusal: the request may have been carried out.</summary>
    private static bool IsUnknownOutcome(HttpStatusCode status) => status == HttpStatusCode.RequestTimeout || (int)status >= 500;

    private static bool IsTransport(Exception error, CancellationToken cancellationToken) =>
        error is HttpRequestException || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    private static async Task<DodoApiException> ToApiExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            var error = JsonSerializer.Deserialize<ErrorBody>(text, DodoJson.Options);
            if (error?.Message is not null || error?.Code is not null)
            {
                return new DodoApiException(response.StatusCode, error.Code, error.Message ?? error.Code!);
            }
        }
        catch (JsonException)
        {
            // Not Dodo's error shape (a proxy's HTML page, say): keep the raw text below.
        }

        return new DodoApiException(response.StatusCode, null, string.IsNullOrWhiteSpace(text) ? response.ReasonPhrase ?? "error" : text);
    }

    private static string Id(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return Uri.EscapeDataString(id);
    }

    /// <summary>A query string in Dodo's conventions (snake_case keys, RFC 3339 UTC timestamps, lower-case booleans).</summary>
    private sealed class Query
    {
        private readonly List<string> parts = [];

        public Query Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(key + "=" + Uri.EscapeDataString(value));
            }

            return this;
        }

        public Query Add(string key, bool? value) => Add(key, value is null ? null : value.Value ? "true" : "false");

        public Query Add(string key, DateTimeOffset? value) =>
            Add(key, value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

        public string Page(int pageNumber, int pageSize)
        {
            Add("page_number", pageNumber.ToString(CultureInfo.InvariantCulture));
            Add("page_size", Math.Clamp(pageSize, 1, 100).ToString(CultureInfo.InvariantCulture));
            return "?" + string.Join('&', parts);
        }
    }
}
