using Dodo.Payments.Models;
using Dodo.Payments.Webhooks;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;
using Storefront.Web.Features.Webhooks;

namespace Storefront.Web.Features.Orders;

/// <summary>
/// refund.succeeded: recorded once per refund id, in the refund's own currency, so analytics can subtract it from the
/// revenue an offer added. refund.failed moves no money and is only acknowledged. Data is the refund's latest state,
/// so a late refund.succeeded is read by its status, not by its type.
/// </summary>
public sealed class RefundWebhookHandler(IDbContextFactory<StorefrontDbContext> dbFactory, TimeProvider clock) : IWebhookHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } = [WebhookEventTypes.RefundSucceeded, WebhookEventTypes.RefundFailed];

    public async Task<WebhookOutcome> HandleAsync(WebhookEvent webhook, CancellationToken cancellationToken)
    {
        var refund = webhook.RefundData();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.PaymentId == refund.PaymentId, cancellationToken);
        if (order is null)
        {
            return WebhookOutcome.NoMatch;
        }

        if (refund.Status != RefundStatus.Succeeded || await db.Refunds.AnyAsync(r => r.RefundId == refund.RefundId, cancellationToken))
        {
            return WebhookOutcome.Applied;
        }

        db.Refunds.Add(new Refund
        {
            RefundId = refund.RefundId,
            PaymentId = refund.PaymentId,
            AmountMinor = refund.Amount ?? order.AmountMinor,
            // Dodo refunds in the payment's currency; the order recorded it when the payment was confirmed.
            Currency = refund.Currency ?? order.Currency,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return WebhookOutcome.Applied;
    }
}
