using System.Text.Json.Nodes;
using Dodo.Sandbox.Api;
using Dodo.Sandbox.Data;
using Microsoft.EntityFrameworkCore;

namespace Dodo.Sandbox.Webhooks;

/// <summary>
/// Dodo's webhook <c>data</c> is the latest state of the resource at delivery time, not a snapshot
/// (shared/dodo-api/README.md §9): a payment.processing delivered late says "succeeded". The envelope (type and
/// timestamp) stays as queued; only <c>data</c> is read again.
/// </summary>
internal static class LatestState
{
    public static async Task<string> BodyAsync(SandboxDbContext db, SbWebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var envelope = SandboxJson.Parse(delivery.Payload);
        if (envelope["data"] is not JsonObject queued)
        {
            return delivery.Payload;
        }

        var current = await CurrentAsync(db, queued, cancellationToken);
        if (current is null)
        {
            return delivery.Payload;
        }

        envelope["data"] = current;
        return envelope.ToJsonString();
    }

    private static async Task<JsonObject?> CurrentAsync(SandboxDbContext db, JsonObject queued, CancellationToken cancellationToken)
    {
        switch (queued["payload_type"]?.GetValue<string>())
        {
            case "Payment":
                var paymentId = queued["payment_id"]?.GetValue<string>();
                var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
                return payment is null ? null : SandboxJson.Payment(payment, await CustomerAsync(db, payment.CustomerId, cancellationToken),
                    await db.Refunds.AsNoTracking().Where(r => r.PaymentId == payment.Id).ToListAsync(cancellationToken));
            case "Subscription":
                var subscriptionId = queued["subscription_id"]?.GetValue<string>();
                var subscription = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == subscriptionId, cancellationToken);
                return subscription is null ? null : SandboxJson.Subscription(subscription, await CustomerAsync(db, subscription.CustomerId, cancellationToken));
            case "Refund":
                var refundId = queued["refund_id"]?.GetValue<string>();
                var refund = await db.Refunds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == refundId, cancellationToken);
                return refund is null ? null : SandboxJson.Refund(refund, await CustomerAsync(db, refund.CustomerId, cancellationToken));
            default:
                return null;
        }
    }

    private static Task<SbCustomer> CustomerAsync(SandboxDbContext db, string customerId, CancellationToken cancellationToken) =>
        db.Customers.AsNoTracking().SingleAsync(c => c.Id == customerId, cancellationToken);
}
