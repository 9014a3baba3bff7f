using System.Net;
using System.Net.Http.Json;
using Dodo.Payments.Webhooks;

namespace Dodo.Sandbox.Tests;

/// <summary>
/// Dodo's payment invoices (a PDF, served without authentication as the OpenAPI says) and its hosted customer portal
/// (a session link that shows the customer's billing and cancels a subscription at the end of its period).
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class PortalAndInvoiceTests(SandboxHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Invoice_OfAPaidPayment_IsAPdfWithItsAmount_AndNeedsNoKey()
    {
        var purchase = await Shopper.BuyAsync(host, SandboxHost.Addon);

        using var response = await host.Browser.GetAsync(new Uri(host.Address, $"sandbox/dodo/invoices/payments/{purchase.Query("payment_id")}"), Ct);
        var pdf = await response.Content.ReadAsByteArrayAsync(Ct);
        var text = System.Text.Encoding.Latin1.GetString(pdf);

        Assert.Equal((HttpStatusCode.OK, "application/pdf"), (response.StatusCode, response.Content.Headers.ContentType?.MediaType));
        Assert.StartsWith("%PDF-1.4", text, StringComparison.Ordinal);
        Assert.EndsWith("%%EOF\n", text, StringComparison.Ordinal);
        Assert.Contains("$19.00", text, StringComparison.Ordinal);
        Assert.Contains("Advanced Recipes E-book", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoice_OfAnUnknownPayment_IsNotFound()
    {
        using var response = await host.Browser.GetAsync(new Uri(host.Address, "sandbox/dodo/invoices/payments/pay_nope"), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Portal_ShowsTheCustomersBilling_AndCancelsAtTheEndOfThePeriod()
    {
        var subscription = await new PlanChangeTests(host).SubscribeAsync(SandboxHost.Basic, Shopper.Visa);
        var customerId = (await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct)).Customer.CustomerId;

        var link = await host.Client.CreateCustomerPortalSessionAsync(customerId, Ct);
        var page = await host.Browser.GetStringAsync(link, Ct);

        Assert.Contains("Basic Monthly", page, StringComparison.Ordinal);
        Assert.Contains("Invoice", page, StringComparison.Ordinal);
        using var cancel = await host.Browser.PostAsync(new Uri(link + $"/subscriptions/{subscription.SubscriptionId}/cancel"), null, Ct);
        Assert.True((await host.Client.GetSubscriptionAsync(subscription.SubscriptionId, Ct)).CancelAtNextBillingDate);
        await host.WaitForWebhookAsync(w => w.Event.Type == WebhookEventTypes.SubscriptionUpdated
            && w.Event.SubscriptionData().SubscriptionId == subscription.SubscriptionId && w.Event.SubscriptionData().CancelAtNextBillingDate, "subscription.updated");
    }

    [Fact]
    public async Task Portal_AnUnknownLink_ShowsNothing()
    {
        using var response = await host.Browser.GetAsync(new Uri(host.Address, "sandbox/dodo/portal/0123456789abcdef0123456789abcdef"), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Billing for", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
