using System.Net;
using System.Net.Http.Json;
using Dodo.Payments;
using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Storefront.Testing;
using Storefront.Web.Features.Api;
using Storefront.Web.Features.Offers;
using Storefront.Web.Features.Orders;
using Storefront.Web.Features.Payments;

namespace Storefront.Web.Tests;

/// <summary>
/// A one-click charge whose card needs 3-D Secure: Dodo answers requires_customer_action with the bank's page, the
/// store sends the customer there, and the charge ends once — paid after the confirmation, cancelled without it.
/// Money is checked at the sandbox. Own store: these tests move the sandbox clock.
/// </summary>
public sealed class BankConfirmationTests : IAsyncLifetime
{
    private const string ThreeDSecureCard = "4000002500003155";
    private readonly LiveStore store = new ReconcilingStore();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => store.InitializeAsync();

    public ValueTask DisposeAsync() => store.DisposeAsync();

    [Fact]
    public async Task Accept_CardNeedsTheBank_SendsTheCustomerToConfirm_ThenChargesTheShownAmountOnce()
    {
        var (shopper, customerId, offer) = await OfferAsync();

        using var response = await shopper.Http.PostAsJsonAsync($"api/upsell/{customerId}/accept", new { attemptId = offer.AttemptId }, Ct);
        var answer = await response.Content.ReadFromJsonAsync<AcceptResponse>(Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.NotNull(answer!.NextActionUrl);
        Assert.Equal(OfferAttemptStatus.Submitted, (await AttemptAsync(offer.AttemptId)).Status);
        using var bank = await store.Client().PostAsync(answer.NextActionUrl, new FormUrlEncodedContent(new Dictionary<string, string> { ["authentication"] = "passed" }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, bank.StatusCode);
        Assert.StartsWith(new Uri(store.BaseUrl, "orders/").ToString(), bank.Headers.Location!.ToString(), StringComparison.Ordinal);

        var attempt = await store.WaitForAsync(db => db.OfferAttempts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == offer.AttemptId),
            a => a.Status == OfferAttemptStatus.Succeeded, "the confirmed charge to succeed");
        var charge = Assert.Single(await store.SandboxChargesForAsync(customerId, offer.AttemptId));
        Assert.Equal(PaymentStatus.Succeeded, charge.Status);
        Assert.Equal(offer.Price.Amount, charge.TotalAmount);
        Assert.Equal(charge.TotalAmount, attempt.PaidAmountMinor);
        Assert.Null(attempt.CustomerActionUrl);
    }

    [Fact]
    public async Task Accept_BankStepNeverAnswered_EndsCancelled_NothingCharged_AndTheCustomerIsToldWhy()
    {
        var (shopper, customerId, offer) = await OfferAsync();
        using var response = await shopper.Http.PostAsJsonAsync($"api/upsell/{customerId}/accept", new { attemptId = offer.AttemptId }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        using var sandbox = store.SandboxApi();
        using var advanced = await sandbox.PostAsJsonAsync("_sandbox/clock/advance", new { hours = 1 }, Ct);
        advanced.EnsureSuccessStatusCode();

        var attempt = await store.WaitForAsync(db => db.OfferAttempts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == offer.AttemptId),
            a => a.Status == OfferAttemptStatus.Failed, "the unconfirmed charge to end");
        Assert.Contains("wasn't confirmed with your bank", attempt.FailureMessage, StringComparison.Ordinal);
        Assert.Equal(PaymentStatus.Cancelled, Assert.Single(await store.SandboxChargesForAsync(customerId, offer.AttemptId)).Status);
        await using var db = await store.Get<IDbContextFactory<Storefront.Web.Data.StorefrontDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(OrderStatus.Failed, (await db.Orders.AsNoTracking().SingleAsync(o => o.Id == attempt.ResultOrderId, Ct)).Status);
        Assert.False(await db.Entitlements.AnyAsync(e => e.UserId == shopper.UserId && e.ProductId == offer.Product.Id, Ct));
    }

    [Fact]
    public async Task ARefundAtDodo_IsRecordedOnceInItsOwnCurrency()
    {
        var shopper = await store.NewCustomerAsync();
        var order = await shopper.BuyAsync("starter-course");
        var dodo = store.Get<DodoClient>();

        var refund = await dodo.CreateRefundAsync(new CreateRefundRequest { PaymentId = order.PaymentId!, Reason = "test" }, Ct);

        var recorded = await store.WaitForAsync(db => db.Refunds.AsNoTracking().FirstOrDefaultAsync(r => r.RefundId == refund.RefundId), _ => true, "the refund to be recorded");
        Assert.Equal(order.AmountMinor, recorded.AmountMinor);
        Assert.Equal(order.Currency, recorded.Currency);
    }

    private async Task<(Shopper Shopper, string CustomerId, ApiOffer Offer)> OfferAsync()
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("starter-course", ThreeDSecureCard, authentication: "passed");
        var customerId = await shopper.DodoCustomerIdAsync();
        var offer = (await shopper.Http.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{customerId}", Ct))!.Offer!;
        return (shopper, customerId, offer);
    }

    private async Task<OfferAttempt> AttemptAsync(Guid attemptId)
    {
        await using var db = await store.Get<IDbContextFactory<Storefront.Web.Data.StorefrontDbContext>>().CreateDbContextAsync(Ct);
        return await db.OfferAttempts.AsNoTracking().SingleAsync(a => a.Id == attemptId, Ct);
    }


    private sealed class ReconcilingStore() : LiveStore(new StorefrontAppFactory()
        .WithSetting("Reconciler:IntervalSeconds", "0.2")
        .WithSetting("Reconciler:WebhookLateAfterSeconds", "1"));
}
