using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Testing;
using Storefront.Web.Data;
using Storefront.Web.Features.Orders;
using Storefront.Web.Features.Subscriptions;

namespace Storefront.Web.Tests;

/// <summary>Webhook-driven state is idempotent and order-independent: late or repeated events never move it backwards.</summary>
public sealed class WebhookStateTests(WebhookStateTests.App app) : IClassFixture<WebhookStateTests.App>
{
    public sealed class App : StorefrontAppFactory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PaymentFailedArrivingAfterSucceeded_LeavesTheOrderPaid()
    {
        var (userId, customerId) = await CustomerAsync();
        var order = await PendingOrderAsync(userId, "starter-course");

        await SendAsync(PaymentEvent("webhook.payment.succeeded.json", customerId, order.Id, "pay_ok" + Guid.NewGuid().ToString("N")[..8]));
        var stored = await WaitAsync(db => db.Orders.SingleAsync(o => o.Id == order.Id, Ct), o => o.Status == OrderStatus.Paid);
        await SendAsync(PaymentEvent("webhook.payment.failed.json", customerId, order.Id, "pay_late" + Guid.NewGuid().ToString("N")[..8]));
        await WaitForInboxDrainedAsync();
        await using var db = await DbAsync();
        Assert.Equal(OrderStatus.Paid, (await db.Orders.SingleAsync(o => o.Id == order.Id, Ct)).Status);
        Assert.Equal(1900, stored.AmountMinor);
    }

    [Fact]
    public async Task PaymentSucceededDeliveredTwiceUnderDifferentIds_GrantsTheEntitlementOnce()
    {
        var (userId, customerId) = await CustomerAsync();
        var order = await PendingOrderAsync(userId, "starter-course");
        var body = PaymentEvent("webhook.payment.succeeded.json", customerId, order.Id, "pay_twice" + Guid.NewGuid().ToString("N")[..8]);

        await SendAsync(body);
        await SendAsync(body);

        await WaitAsync(db => db.Orders.SingleAsync(o => o.Id == order.Id, Ct), o => o.Status == OrderStatus.Paid);
        await WaitForInboxDrainedAsync(); // both copies handled: nothing else is going to happen
        await using var db = await DbAsync();
        Assert.Equal(1, await db.Entitlements.CountAsync(e => e.OrderId == order.Id, Ct));
    }

    [Fact]
    public async Task OlderSubscriptionEventAfterPlanChanged_DoesNotMoveThePlanBack()
    {
        var (userId, customerId) = await CustomerAsync();
        var subscriptionId = "sub_order" + Guid.NewGuid().ToString("N")[..8];

        await SendAsync(SubscriptionEvent("webhook.subscription.plan_changed.json", customerId, subscriptionId, "2026-09-16T09:30:07Z"));
        await WaitAsync(db => db.Subscriptions.FirstOrDefaultAsync(s => s.DodoSubscriptionId == subscriptionId, Ct), s => s is not null);
        await SendAsync(SubscriptionEvent("webhook.subscription.active.json", customerId, subscriptionId, "2026-09-01T09:30:06Z"));
        await WaitForInboxDrainedAsync();
        await using var db = await DbAsync();
        var subscription = await db.Subscriptions.SingleAsync(s => s.DodoSubscriptionId == subscriptionId, Ct);
        Assert.Equal("pdt_8Pr5Nz2Kw7Xq4Lm9Vt1Bh", subscription.DodoProductId);
        Assert.Equal(8000, subscription.RecurringAmountMinor);
        Assert.Single(await db.Notifications.Where(n => n.UserId == userId).ToListAsync(Ct));
        Assert.Single(await db.EmailOutbox.Where(e => e.DedupeKey.Contains(subscriptionId)).ToListAsync(Ct));
    }

    [Fact]
    public async Task PlanChangedTwice_PostsOneNotificationAndOneEmail()
    {
        var (userId, customerId) = await CustomerAsync();
        var subscriptionId = "sub_twice" + Guid.NewGuid().ToString("N")[..8];
        var body = SubscriptionEvent("webhook.subscription.plan_changed.json", customerId, subscriptionId, "2026-09-16T09:30:07Z");

        await SendAsync(body);
        await SendAsync(body);

        await WaitAsync(db => db.Subscriptions.FirstOrDefaultAsync(s => s.DodoSubscriptionId == subscriptionId, Ct), s => s is not null);
        await WaitForInboxDrainedAsync(); // both copies handled: nothing else is going to happen
        await using var db = await DbAsync();
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.UserId == userId, Ct));
        Assert.Contains("Pro plan", (await db.Notifications.SingleAsync(n => n.UserId == userId, Ct)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefundSucceeded_DeliveredTwiceUnderDifferentIds_IsRecordedOnce()
    {
        var (userId, customerId) = await CustomerAsync();
        var order = await PendingOrderAsync(userId, "starter-course");
        var paymentId = "pay_refund" + Guid.NewGuid().ToString("N")[..8];
        await SendAsync(PaymentEvent("webhook.payment.succeeded.json", customerId, order.Id, paymentId));
        await WaitAsync(db => db.Orders.SingleAsync(o => o.Id == order.Id, Ct), o => o.Status == OrderStatus.Paid);
        var refund = $$$"""{"business_id":"bus_1","type":"refund.succeeded","timestamp":"2026-09-02T10:00:00Z","data":{"payload_type":"Refund","refund_id":"ref_{{{paymentId}}}","payment_id":"{{{paymentId}}}","amount":900,"currency":"USD","status":"succeeded"}}""";

        await SendAsync(refund);
        await SendAsync(refund);
        await WaitForInboxDrainedAsync();

        await using var db = await DbAsync();
        var refunds = await db.Refunds.Where(r => r.PaymentId == paymentId).ToListAsync(Ct);
        Assert.Equal(900, Assert.Single(refunds).AmountMinor);
    }

    private static string PaymentEvent(string fixture, string customerId, Guid orderId, string paymentId) => SignedWebhooks.Fixture(fixture, json =>
    {
        var data = json["data"]!.AsObject();
        data["payment_id"] = paymentId;
        data["customer"]!["customer_id"] = customerId;
        data["metadata"] = new JsonObject { ["order_id"] = orderId.ToString() };
    });

    private static string SubscriptionEvent(string fixture, string customerId, string subscriptionId, string timestamp) => SignedWebhooks.Fixture(fixture, json =>
    {
        json["timestamp"] = timestamp;
        json["data"]!["subscription_id"] = subscriptionId;
        json["data"]!["customer"]!["customer_id"] = customerId;
    });

    private async Task SendAsync(string body)
    {
        using var request = SignedWebhooks.Request(body);
        using var response = await app.CreateClient().SendAsync(request, Ct);
        response.EnsureSuccessStatusCode();
    }

    private async Task<(string UserId, string CustomerId)> CustomerAsync()
    {
        var email = $"hooks-{Guid.NewGuid():N}@storefront.test";
        var customerId = "cus_test" + Guid.NewGuid().ToString("N")[..12];
        await using var scope = app.Services.CreateAsyncScope();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DodoCustomerId = customerId };
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().CreateAsync(user, "a long test passphrase")).Succeeded);
        return (user.Id, customerId);
    }

    private async Task<Order> PendingOrderAsync(string userId, string productId)
    {
        await using var db = await DbAsync();
        var product = await db.Products.SingleAsync(p => p.Id == productId, Ct);
        var order = new Order
        {
            UserId = userId, ProductId = product.Id, DodoProductId = product.DodoProductId, ProductName = product.Name,
            AmountMinor = product.PriceMinor, Currency = product.Currency, CreatedAt = DateTime.UtcNow,
        };
        db.Orders.Add(order);
        await db.SaveChangesAsync(Ct);
        return order;
    }

    private async Task<T> WaitAsync<T>(Func<StorefrontDbContext, Task<T>> read, Func<T, bool> done)
    {
        T last = default!;
        await Wait.UntilAsync(async () =>
        {
            await using var db = await DbAsync();
            last = await read(db);
            return done(last);
        }, "the webhook state to settle");
        return last;
    }

    /// <summary>The processor is idle: every stored event has been handled (none received or being processed).</summary>
    private Task WaitForInboxDrainedAsync() =>
        WaitAsync(db => db.WebhookInbox.CountAsync(e => e.Status == Storefront.Web.Features.Webhooks.WebhookProcessingStatus.Received
            || e.Status == Storefront.Web.Features.Webhooks.WebhookProcessingStatus.Processing, Ct), pending => pending == 0);

    private Task<StorefrontDbContext> DbAsync() =>
        app.Services.GetRequiredService<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(Ct);
}
