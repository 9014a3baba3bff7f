using System.Net;
using Dodo.Payments.Models;
using Microsoft.AspNetCore.WebUtilities;

namespace Dodo.Sandbox.Tests;

/// <summary>A customer paying on the sandbox's hosted checkout page (form posts, as the browser would send them).</summary>
internal static class Shopper
{
    public const string Visa = "4242424242424242";
    public const string GenericDecline = "4000000000000002";
    public const string InsufficientFunds = "4000000000009995";
    public const string FailsLater = "4000000000000341";
    public const string ThreeDSecure = "4000002500003155";

    internal sealed record Purchase(HttpStatusCode Status, string? Location, string Html, string Email, string? CustomerId)
    {
        public string? Query(string name) =>
            Location is null ? null : QueryHelpers.ParseQuery(new Uri(Location).Query).TryGetValue(name, out var value) ? value.ToString() : null;
    }

    public static async Task<Purchase> BuyAsync(SandboxHost host, string productId, string card = Visa, string? email = null,
        string expiry = "06/32", string cvc = "123", Dictionary<string, string>? metadata = null, string? authentication = null)
    {
        var ct = TestContext.Current.CancellationToken;
        email ??= $"buyer-{Guid.NewGuid():N}@example.com";
        var session = await host.Client.CreateCheckoutSessionAsync(new CheckoutSessionRequest
        {
            ProductCart = [new ProductCartItem { ProductId = productId, Quantity = 1 }],
            Customer = CustomerRequest.New(email, "Test Buyer"),
            ReturnUrl = "https://shop.example/return",
            FeatureFlags = new CheckoutFeatureFlags { RedirectImmediately = true },
            Metadata = metadata ?? new() { ["order_ref"] = "ord_" + Guid.NewGuid().ToString("N")[..8] },
        }, ct);

        using var response = await PayAsync(host, session.CheckoutUrl!, card, email, expiry, cvc, authentication);
        var customers = await host.Client.ListCustomersAsync(new CustomerListQuery { Email = email }, ct);
        return new Purchase(response.StatusCode, response.Headers.Location?.ToString(), await response.Content.ReadAsStringAsync(ct),
            email, customers.Items.FirstOrDefault()?.CustomerId);
    }

    /// <param name="authentication">The answer to the bank's 3-D Secure step ("passed" / "failed"), for a card that asks for one.</param>
    public static Task<HttpResponseMessage> PayAsync(SandboxHost host, string checkoutUrl, string card, string email, string expiry = "06/32", string cvc = "123", string? authentication = null)
    {
        var form = new Dictionary<string, string>
        {
            ["email"] = email,
            ["name"] = "Test Buyer",
            ["card_number"] = card,
            ["expiry"] = expiry,
            ["cvc"] = cvc,
            ["card_holder"] = "Test Buyer",
            ["country"] = "US",
            ["street"] = "1 Test Way",
            ["city"] = "Testville",
            ["state"] = "CA",
            ["zipcode"] = "94000",
        };
        if (authentication is not null)
        {
            form["authentication"] = authentication;
        }

        return host.Browser.PostAsync(new Uri(checkoutUrl), new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);
    }

    public static async Task<PaymentMethodItem> SavedCardAsync(SandboxHost host, string customerId) =>
        (await host.Client.ListPaymentMethodsAsync(customerId, TestContext.Current.CancellationToken)).Items.Single();
}
