using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;
using Storefront.Web.Features.Webhooks;
using Dodo.Payments.Webhooks;

namespace Storefront.Web.Features.Orders;

/// <summary>refund.succeeded: recorded once per refund id, so analytics can subtract it from the revenue an offer added.</summary>
public sealed class RefundWebhookHandler(IDbContextFactory<StorefrontDbContext> dbFactory, TimeProvider clock) : IWebhookHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } = ["refund.succeeded"];

    public async Task<WebhookOutcome> HandleAsync(WebhookEvent webhook, CancellationToken cancellationToken)
    {
        var data = webhook.Data;
        var refundId = data.GetProperty("refund_id").GetString()!;
        var paymentId = data.GetProperty("payment_id").GetString()!;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Orders.AnyAsync(o => o.PaymentId == paymentId, cancellationToken))
        {
            return WebhookOutcome.NoMatch;
        }

        if (await db.Refunds.AnyAsync(r => r.RefundId == refundId, cancellationToken))
        {
            return WebhookOutcome.Applied;
        }

        db.Refunds.Add(new Refund
        {
            RefundId = refundId,
            PaymentId = paymentId,
            AmountMinor = data.GetProperty("amount").GetInt64(),
            Currency = data.TryGetProperty("currency", out var currency) && currency.ValueKind == JsonValueKind.String ? currency.GetString()! : "USD",
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return WebhookOutcome.Applied;
    }
}
