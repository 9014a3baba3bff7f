using System.Net.Http.Json;
using Dodo.Payments;
using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Web.Data;
using Storefront.Web.Features.Orders;
using Storefront.Web.Features.Subscriptions;

namespace Storefront.Web.Tests;

/// <summary>
/// A plan with a free trial (the seeded Studio plan, 14 days at Dodo), end to end through the in-process sandbox:
/// nothing charged at checkout, the order done from the subscription, "start paying now" charged at Dodo's preview,
/// conversion at the trial's end, a lapse when cancelled, one trial per customer, and the reminder email.
/// </summary>
[Collection(LiveStoreCollection.Name)]
public sealed class TrialTests(LiveStore store)
{
    private const string TrialPlan = "studio-plan";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APlanWithATrial_IsBoughtForNothingToday_AndTheOrderSaysWhenTheFirstChargeIs()
    {
        var shopper = await store.NewCustomerAsync();

        var order = await shopper.BuyAsync(TrialPlan);

        Assert.Equal(0, order.AmountMinor);
        var subscription = await TrialSubscriptionAsync(shopper);
        Assert.Equal(order.TrialEndsAt, subscription.TrialEndsAt);
        Assert.True(subscription.InTrial);
        Assert.Empty(await PaymentsAtDodoAsync(shopper));
        var atDodo = await store.Get<DodoClient>().GetSubscriptionAsync(subscription.DodoSubscriptionId, Ct);
        Assert.Equal(atDodo.NextBillingDate.UtcDateTime, order.TrialEndsAt);
        var email = await store.WaitForAsync(db => db.EmailOutbox.AsNoTracking().FirstOrDefaultAsync(m => m.To == shopper.Email && m.Subject == "Your free trial of Studio plan has started", Ct),
            _ => true, "the trial-started email");
        Assert.Contains("Nothing was charged today", email.Body, StringComparison.Ordinal);
        Assert.Contains("$50.00", email.Body, StringComparison.Ordinal);
        using var page = await shopper.Http.GetAsync(new Uri($"orders/{order.Id}", UriKind.Relative), Ct);
        Assert.Contains("Free trial started", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutItsWebhook_TheTrialOrderIsFinishedByLookingTheSubscriptionUp()
    {
        var shopper = await store.NewCustomerAsync();
        Guid orderId;
        store.Sandbox.HoldDeliveries = true;
        try
        {
            orderId = await shopper.CheckOutAsync(TrialPlan);
            await using var scope = store.Services.CreateAsyncScope();
            var pending = await OrderAsync(orderId);
            Assert.Equal(OrderStatus.Pending, pending.Status);

            await scope.ServiceProvider.GetRequiredService<OrderQueries>().SettlePendingAsync(pending, Ct);

            var settled = await OrderAsync(orderId);
            Assert.Equal((OrderStatus.Paid, 0L), (settled.Status, settled.AmountMinor));
            Assert.NotNull(settled.TrialEndsAt);
            await using var db = await store.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(Ct);
            Assert.False(await db.Subscriptions.AnyAsync(s => s.UserId == shopper.UserId, Ct), "no webhook was delivered: the lookup did it");
        }
        finally
        {
            store.Sandbox.HoldDeliveries = false;
        }
    }

    [Fact]
    public async Task StartPayingNow_ChargesDodosPreviewedAmountOnce_AndTheTrialConverts()
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync(TrialPlan);
        var subscription = await TrialSubscriptionAsync(shopper);
        await using var scope = store.Services.CreateAsyncScope();
        var plans = scope.ServiceProvider.GetRequiredService<PlanChangeService>();

        var quote = await plans.QuoteAsync(shopper.UserId, subscription.DodoSubscriptionId, TrialPlan, Ct);
        var result = await plans.ConfirmAsync(shopper.UserId, quote.QuoteId, null, Ct);
        var again = await plans.ConfirmAsync(shopper.UserId, quote.QuoteId, null, Ct);

        Assert.Equal(5000, quote.ChargedNow.Minor);
        Assert.Equal(ConfirmOutcome.Submitted, result.Outcome);
        Assert.Equal(ConfirmOutcome.AlreadyConfirmed, again.Outcome);
        var converted = await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.DodoSubscriptionId == subscription.DodoSubscriptionId, Ct),
            s => s.TrialConvertedAt is not null, "the trial to convert");
        Assert.False(converted.InTrial);
        Assert.True(converted.NextBillingDate > subscription.TrialEndsAt);
        var charged = Assert.Single(await PaymentsAtDodoAsync(shopper));
        Assert.Equal((PaymentStatus.Succeeded, quote.ChargedNow.Minor), (charged.Status, charged.TotalAmount));
        await store.WaitForAsync(db => db.EmailOutbox.AsNoTracking().FirstOrDefaultAsync(m => m.To == shopper.Email && m.Subject == "Your Studio plan has started", Ct),
            _ => true, "the conversion email");
        await using var db = await store.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(Ct);
        Assert.False(await db.Notifications.AnyAsync(n => n.UserId == shopper.UserId && n.Message.StartsWith("Your plan is now"), Ct), "no plan-change message for the same plan");
    }

    [Fact]
    public async Task StartPayingNow_IsRefusedOnceTheTrialIsOver()
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("basic-plan");
        var subscription = await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == shopper.UserId, Ct),
            s => s.Status == SubscriptionStatus.Active, "the subscription");
        await using var scope = store.Services.CreateAsyncScope();

        var refused = await Assert.ThrowsAsync<StoreRuleException>(() =>
            scope.ServiceProvider.GetRequiredService<PlanChangeService>().QuoteAsync(shopper.UserId, subscription.DodoSubscriptionId, "basic-plan", Ct));

        Assert.Equal("You are already on that plan.", refused.Message);
    }

    [Fact]
    public async Task AtTheTrialsEnd_DodoChargesTheCard_AndTheTrialConverts()
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync(TrialPlan);
        var subscription = await TrialSubscriptionAsync(shopper);

        await BillNowAsync(subscription.DodoSubscriptionId);

        await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.DodoSubscriptionId == subscription.DodoSubscriptionId, Ct),
            s => s.TrialConvertedAt is not null, "the trial to convert");
        Assert.Equal(5000, Assert.Single(await PaymentsAtDodoAsync(shopper)).TotalAmount);
    }

    [Fact]
    public async Task CancelledInTheTrial_EndsWithNothingCharged_AndASecondTrialIsNotGiven()
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync(TrialPlan);
        var subscription = await TrialSubscriptionAsync(shopper);
        await using var scope = store.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SubscriptionCancellation>().CancelAtPeriodEndAsync(shopper.UserId, "not_using", Ct);

        await BillNowAsync(subscription.DodoSubscriptionId);

        var lapsed = await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.DodoSubscriptionId == subscription.DodoSubscriptionId, Ct),
            s => s.TrialLapsedAt is not null, "the trial to lapse");
        Assert.Null(lapsed.TrialConvertedAt);
        Assert.Empty(await PaymentsAtDodoAsync(shopper));
        Assert.False(await scope.ServiceProvider.GetRequiredService<CheckoutService>().GetsTrialAsync(shopper.UserId, 14, Ct));

        var second = await shopper.BuyAsync(TrialPlan);

        Assert.Equal((5000L, null), (second.AmountMinor, second.TrialEndsAt));
        Assert.Equal(5000, Assert.Single(await PaymentsAtDodoAsync(shopper)).TotalAmount);
    }

    [Fact]
    public async Task TheReminder_GoesOutOnceAFewDaysBeforeTheFirstCharge_AndNotToThoseWhoCancelled()
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync(TrialPlan);
        var subscription = await TrialSubscriptionAsync(shopper);
        var leaving = await store.NewCustomerAsync();
        await leaving.BuyAsync(TrialPlan);
        var leavingSubscription = await TrialSubscriptionAsync(leaving);
        await using var scope = store.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SubscriptionCancellation>().CancelAtPeriodEndAsync(leaving.UserId, null, Ct);
        await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.DodoSubscriptionId == leavingSubscription.DodoSubscriptionId, Ct),
            s => s.CancelAtNextBillingDate, "the cancellation to arrive");
        var reminders = scope.ServiceProvider.GetRequiredService<TrialReminders>();
        var trialEnds = subscription.TrialEndsAt!.Value;

        await reminders.SendDueAsync(trialEnds.AddDays(-5), Ct);
        Assert.Empty(await RemindersToAsync(shopper.Email));

        await reminders.SendDueAsync(trialEnds.AddDays(-2), Ct);
        await reminders.SendDueAsync(trialEnds.AddDays(-1), Ct);

        var reminder = Assert.Single(await RemindersToAsync(shopper.Email));
        Assert.Contains("charges $50.00", reminder.Body, StringComparison.Ordinal);
        Assert.Contains("Cancel from My subscription", reminder.Body, StringComparison.Ordinal);
        Assert.Empty(await RemindersToAsync(leaving.Email));
    }

    [Fact]
    public async Task TheTrialsPageAndCsv_Admin_GetsThem_Customer_IsRefused()
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync(TrialPlan);
        await TrialSubscriptionAsync(shopper);
        var admin = store.Client();
        using var _ = await new StoreClient(admin).SignInAsync("admin@storefront.test", "admin-demo-pass");

        using var csv = await admin.GetAsync(new Uri("admin/trials.csv", UriKind.Relative), Ct);
        var page = await admin.GetStringAsync(new Uri("admin/trials", UriKind.Relative), Ct);
        using var refusedCsv = await shopper.Http.GetAsync(new Uri("admin/trials.csv", UriKind.Relative), Ct);
        using var refusedPage = await shopper.Http.GetAsync(new Uri("admin/trials", UriKind.Relative), Ct);

        Assert.Equal(("text/csv", System.Net.HttpStatusCode.OK), (csv.Content.Headers.ContentType?.MediaType, csv.StatusCode));
        Assert.Contains("\"Studio plan\",", await csv.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("data-plan=\"Studio plan\"", page, StringComparison.Ordinal);
        Assert.StartsWith("/Account/AccessDenied", refusedCsv.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.StartsWith("/Account/AccessDenied", refusedPage.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private async Task<List<Features.Email.EmailOutboxMessage>> RemindersToAsync(string email)
    {
        await using var db = await store.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(Ct);
        return await db.EmailOutbox.AsNoTracking().Where(m => m.To == email && m.Subject.StartsWith("Your free trial of Studio plan ends on")).ToListAsync(Ct);
    }

    private async Task<CustomerSubscription> TrialSubscriptionAsync(Shopper shopper) =>
        await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == shopper.UserId && s.TrialEndsAt != null, Ct),
            s => s.Status == SubscriptionStatus.Active, "the trial subscription");

    private async Task<Order> OrderAsync(Guid orderId)
    {
        await using var db = await store.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(Ct);
        return await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId, Ct);
    }

    private async Task<IReadOnlyList<PaymentListItem>> PaymentsAtDodoAsync(Shopper shopper) =>
        (await store.Get<DodoClient>().ListPaymentsAsync(new PaymentListQuery { CustomerId = await shopper.DodoCustomerIdAsync(), PageSize = 100 }, Ct)).Items;

    /// <summary>Dodo's documented test-mode trick: moving the billing date to now makes the charge due at once.</summary>
    private async Task BillNowAsync(string subscriptionId)
    {
        using var api = store.SandboxApi();
        using var due = await api.PatchAsJsonAsync($"subscriptions/{subscriptionId}", new { next_billing_date = DateTimeOffset.UtcNow.ToString("O") }, Ct);
        due.EnsureSuccessStatusCode();
    }
}
