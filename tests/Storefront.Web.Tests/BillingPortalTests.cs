using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Web.Features.Account;

namespace Storefront.Web.Tests;

/// <summary>My account lists the customer's payments with Dodo's invoices, and opens Dodo's own billing portal, whose changes reach the store by webhook.</summary>
[Collection(LiveStoreCollection.Name)]
public sealed class BillingPortalTests(LiveStore store)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MyAccount_ListsThePayment_WithAnInvoiceThatIsAPdf()
    {
        var shopper = await store.NewCustomerAsync();
        var order = await shopper.BuyAsync("starter-course");

        var page = await shopper.Http.GetStringAsync(new Uri("account", UriKind.Relative), Ct);

        var invoice = new Uri(store.BaseUrl, $"sandbox/dodo/invoices/payments/{order.PaymentId}");
        Assert.Contains($"href=\"{invoice}\"", page, StringComparison.Ordinal);
        Assert.Contains("$49.00", page, StringComparison.Ordinal);
        using var pdf = await store.Client().GetAsync(invoice, Ct);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task DodosPortal_CancellingThere_ReachesTheStoreByWebhook()
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("basic-plan");
        var subscription = await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == shopper.UserId, Ct),
            s => s.Status == Dodo.Payments.Models.SubscriptionStatus.Active, "the subscription");
        await using var scope = store.Services.CreateAsyncScope();

        var portal = await scope.ServiceProvider.GetRequiredService<BillingHistory>().PortalAsync(shopper.UserId, Ct);

        Assert.NotNull(portal);
        Assert.Contains(shopper.Email, await store.Client().GetStringAsync(portal, Ct), StringComparison.Ordinal);
        using var cancel = await store.Client().PostAsync(new Uri(portal + $"/subscriptions/{subscription.DodoSubscriptionId}/cancel"), null, Ct);
        await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.DodoSubscriptionId == subscription.DodoSubscriptionId, Ct),
            s => s.CancelAtNextBillingDate, "the cancellation made in Dodo's portal to reach the store");
    }

    [Fact]
    public async Task ACustomerWhoNeverPaid_HasNoPortal_AndNoPayments()
    {
        var shopper = await store.NewCustomerAsync();
        await using var scope = store.Services.CreateAsyncScope();
        var billing = scope.ServiceProvider.GetRequiredService<BillingHistory>();

        Assert.Null(await billing.PortalAsync(shopper.UserId, Ct));
        Assert.Empty((await billing.PaymentsAsync(shopper.UserId, Ct))!);
    }
}
