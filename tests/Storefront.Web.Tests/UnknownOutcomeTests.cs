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
using Storefront.Web.Features.Subscriptions;

namespace Storefront.Web.Tests;

/// <summary>
/// Faults around the one money-moving request, driven by the sandbox's switches and a crash hook, with the money
/// checked at the sandbox: every attempt ends, by lookup, with exactly the charges Dodo made and no second one.
/// </summary>
public sealed class UnknownOutcomeTests : IAsyncLifetime
{
    private readonly CrashBeforeCharge crash = new();
    private LiveStore store = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        store = new ReconcilingStore(crash);
        await store.InitializeAsync();
    }

    public async ValueTask DisposeAsync() => await store.DisposeAsync();

    [Fact]
    public async Task Accept_ServerErrorBeforeTheCharge_IsUnknownNotDeclined_ThenClosedAsNotChargedByTheReconciler()
    {
        var (shopper, customerId, attemptId) = await OfferAsync("starter-course");
        store.Sandbox.FailNextCharges(1);

        using var response = await shopper.Http.PostAsJsonAsync($"api/upsell/{customerId}/accept", new { attemptId }, Ct);
        var answer = await response.Content.ReadFromJsonAsync<AcceptResponse>(Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("unknown", answer!.Status);
        Assert.DoesNotContain("Nothing was charged", answer.Message, StringComparison.Ordinal);
        var attempt = await WaitAttemptAsync(attemptId, OfferAttemptStatus.Failed);
        Assert.Equal(OfferSettlement.NotChargedMessage, attempt.FailureMessage);
        Assert.Empty(await store.SandboxChargesForAsync(customerId, attemptId));
        Assert.Equal(OrderStatus.Failed, (await OrderAsync(attempt.ResultOrderId!.Value)).Status);
    }

    [Fact]
    public async Task Accept_ServerErrorAfterTheCharge_IsSettledByLookupAsTheOneChargeDodoMade()
    {
        var (shopper, customerId, attemptId) = await OfferAsync("single-license");
        store.Sandbox.FailAfterNextCharges(1);

        using var first = await shopper.Http.PostAsJsonAsync($"api/upsell/{customerId}/accept", new { attemptId }, Ct);
        using var again = await shopper.Http.PostAsJsonAsync($"api/upsell/{customerId}/accept", new { attemptId }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var attempt = await WaitAttemptAsync(attemptId, OfferAttemptStatus.Succeeded);
        var charge = Assert.Single(await store.SandboxChargesForAsync(customerId, attemptId));
        Assert.Equal(charge.TotalAmount, attempt.PaidAmountMinor);
    }

    [Fact]
    public async Task Accept_ProcessStopsBetweenClaimAndRequest_ReconcilerClosesTheClaimAsNotCharged()
    {
        var (shopper, customerId, attemptId) = await OfferAsync("starter-course");
        crash.Armed = true;

        await using (var scope = store.Services.CreateAsyncScope())
        {
            await Assert.ThrowsAsync<SimulatedCrashException>(() => scope.ServiceProvider.GetRequiredService<OfferAcceptance>().AcceptAsync(shopper.UserId, attemptId, 1, Ct));
        }

        Assert.Equal(OfferAttemptStatus.Charging, (await AttemptAsync(attemptId)).Status);
        var attempt = await WaitAttemptAsync(attemptId, OfferAttemptStatus.Failed);
        Assert.Equal(OfferSettlement.NotChargedMessage, attempt.FailureMessage);
        Assert.Empty(await store.SandboxChargesForAsync(customerId, attemptId));
    }

    [Fact]
    public async Task Accept_WebhookNeverArrives_ReconcilerLooksThePaymentUpAndFinishesTheOrder()
    {
        var (shopper, customerId, attemptId) = await OfferAsync("starter-course");
        store.Sandbox.HoldDeliveries = true;
        try
        {
            using var response = await shopper.Http.PostAsJsonAsync($"api/upsell/{customerId}/accept", new { attemptId }, Ct);

            var attempt = await WaitAttemptAsync(attemptId, OfferAttemptStatus.Succeeded);
            Assert.Equal(OrderStatus.Paid, (await OrderAsync(attempt.ResultOrderId!.Value)).Status);
            Assert.Single(await store.SandboxChargesForAsync(customerId, attemptId));
        }
        finally
        {
            store.Sandbox.HoldDeliveries = false;
        }
    }

    [Fact]
    public async Task PlanChange_ServerErrorAfterDodoChangedIt_IsSettledAsAppliedByLookup()
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("basic-plan");
        var subscriptionId = await WaitSubscriptionAsync(shopper.UserId);
        await using var scope = store.Services.CreateAsyncScope();
        var plans = scope.ServiceProvider.GetRequiredService<PlanChangeService>();
        var quote = await plans.QuoteAsync(shopper.UserId, subscriptionId, "pro-plan", Ct);
        store.Sandbox.FailAfterNextCharges(1);

        var result = await plans.ConfirmAsync(shopper.UserId, quote.QuoteId, null, Ct);

        Assert.Equal(ConfirmOutcome.Unknown, result.Outcome);
        await store.WaitForAsync(db => db.PlanChangeQuotes.AsNoTracking().FirstOrDefaultAsync(q => q.Id == quote.QuoteId), q => q.Status == QuoteStatus.Applied, "the change to be found applied");
        var plan = await store.Get<DodoClient>().GetSubscriptionAsync(subscriptionId, Ct);
        Assert.Equal("pdt_8Pr5Nz2Kw7Xq4Lm9Vt1Bh", plan.ProductId);
        var payments = await store.Get<DodoClient>().ListPaymentsAsync(new PaymentListQuery { SubscriptionId = subscriptionId, PageSize = 100 }, Ct);
        Assert.Single(payments.Items, p => p.TotalAmount == quote.ChargedNow.Minor);
    }

    [Fact]
    public async Task PlanChange_ProcessStopsBeforeTheRequest_ReconcilerClosesItUnchangedAndUncharged()
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("basic-plan");
        var subscriptionId = await WaitSubscriptionAsync(shopper.UserId);
        await using var scope = store.Services.CreateAsyncScope();
        var plans = scope.ServiceProvider.GetRequiredService<PlanChangeService>();
        var quote = await plans.QuoteAsync(shopper.UserId, subscriptionId, "pro-plan", Ct);
        crash.Armed = true;

        await Assert.ThrowsAsync<SimulatedCrashException>(() => plans.ConfirmAsync(shopper.UserId, quote.QuoteId, null, Ct));

        var closed = await store.WaitForAsync(db => db.PlanChangeQuotes.AsNoTracking().FirstOrDefaultAsync(q => q.Id == quote.QuoteId), q => q.Status == QuoteStatus.Failed, "the claim to be closed");
        Assert.Equal(PlanChangeSettlement.NotChangedMessage, closed.FailureMessage);
        Assert.Equal("pdt_2Bq7Lm4Xz9Wk1Vr6Tn3Cp", (await store.Get<DodoClient>().GetSubscriptionAsync(subscriptionId, Ct)).ProductId);
        var payments = await store.Get<DodoClient>().ListPaymentsAsync(new PaymentListQuery { SubscriptionId = subscriptionId, PageSize = 100 }, Ct);
        Assert.Single(payments.Items); // the first month only
    }

    private async Task<(Shopper Shopper, string CustomerId, Guid AttemptId)> OfferAsync(string productId)
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync(productId);
        var customerId = await shopper.DodoCustomerIdAsync();
        var offer = (await shopper.Http.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{customerId}", Ct))!.Offer!;
        return (shopper, customerId, offer.AttemptId);
    }

    private async Task<string> WaitSubscriptionAsync(string userId) =>
        (await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == userId), s => s.Status == SubscriptionStatus.Active, "the subscription")).DodoSubscriptionId;

    private Task<OfferAttempt> WaitAttemptAsync(Guid attemptId, OfferAttemptStatus status) =>
        store.WaitForAsync(db => db.OfferAttempts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attemptId), a => a.Status == status, $"the attempt to be {status}");

    private async Task<OfferAttempt> AttemptAsync(Guid attemptId)
    {
        await using var db = await store.Get<IDbContextFactory<Storefront.Web.Data.StorefrontDbContext>>().CreateDbContextAsync(Ct);
        return await db.OfferAttempts.AsNoTracking().SingleAsync(a => a.Id == attemptId, Ct);
    }

    private async Task<Order> OrderAsync(Guid orderId)
    {
        await using var db = await store.Get<IDbContextFactory<Storefront.Web.Data.StorefrontDbContext>>().CreateDbContextAsync(Ct);
        return await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId, Ct);
    }


    private sealed class ReconcilingStore(CrashBeforeCharge crash) : LiveStore(new StorefrontAppFactory()
        .WithSetting("Reconciler:IntervalSeconds", "0.2")
        .WithSetting("Reconciler:StaleAfterSeconds", "0.5")
        .WithSetting("Reconciler:GiveUpAfterSeconds", "2")
        .WithSetting("Reconciler:WebhookLateAfterSeconds", "1")
        .WithServices(services => services.AddSingleton<IChargeFaults>(crash)));

    /// <summary>Stands for the process dying after the claim is saved and before the request leaves: the call ends there.</summary>
    private sealed class CrashBeforeCharge : IChargeFaults
    {
        public bool Armed { get; set; }

        public Task BeforeChargeAsync(Guid actionId)
        {
            if (Armed)
            {
                Armed = false;
                throw new SimulatedCrashException();
            }

            return Task.CompletedTask;
        }
    }

    private sealed class SimulatedCrashException : Exception;
}
