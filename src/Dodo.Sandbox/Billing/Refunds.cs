using System.Text.Json.Nodes;
using Dodo.Payments.Webhooks;
using Dodo.Sandbox.Api;
using Dodo.Sandbox.Control;
using Dodo.Sandbox.Data;
using Dodo.Sandbox.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dodo.Sandbox.Billing;

/// <summary>
/// Refunds of succeeded payments: the whole payment, or items of its cart (all of an item, or an amount of it), never
/// more than is left to refund. A refund is pending until <see cref="SettlementWorker"/> finishes it.
/// </summary>
internal sealed class Refunds(SandboxClock clock, WebhookOutbox outbox, SandboxControls controls, IOptions<SandboxOptions> options)
{
    public async Task<SbRefund> CreateAsync(SandboxDbContext db, RequestBody body)
    {
        var paymentId = body.RequiredString("payment_id");
        var payment = await db.Payments.FirstOrDefaultAsync(p => p.Id == paymentId) ?? throw SandboxRequestException.NotFound("Payment", paymentId);
        if (payment.Status != "succeeded")
        {
            throw SandboxRequestException.Invalid($"Payment {paymentId} is {payment.Status}; only a succeeded payment can be refunded.");
        }

        var reason = body.OptionalString("reason");
        if (reason is { Length: > 3000 })
        {
            throw SandboxRequestException.Body("reason must be at most 3000 characters.");
        }

        var earlier = await db.Refunds.Where(r => r.PaymentId == paymentId && r.Status != "failed").SumAsync(r => r.Amount);
        var left = payment.TotalAmount - earlier;
        var amount = body.Json["items"] is JsonArray items ? ItemsAmount(payment, items) : left;
        if (amount <= 0 || amount > left)
        {
            throw SandboxRequestException.Invalid($"Payment {paymentId} has {left} left to refund; {amount} was asked for.");
        }

        var refund = new SbRefund
        {
            Id = "ref_" + SandboxIds.Payment()[4..],
            PaymentId = payment.Id,
            CustomerId = payment.CustomerId,
            Status = "pending",
            Amount = amount,
            Currency = payment.Currency,
            IsPartial = amount < payment.TotalAmount,
            Reason = reason,
            WillFail = controls.TakeFailRefund(),
            SettlesAt = DateTime.UtcNow.AddMilliseconds(options.Value.SettlementDelayMilliseconds),
            CreatedAt = clock.UtcNow,
        };
        db.Refunds.Add(refund);
        return refund;
    }

    /// <summary>The refund's time has come: refund.succeeded, or refund.failed when the switch said so.</summary>
    public void Settle(SandboxDbContext db, SbRefund refund, SbCustomer customer)
    {
        refund.Status = refund.WillFail ? "failed" : "succeeded";
        refund.SettlesAt = null;
        if (!refund.WillFail)
        {
            LicenseKeys.RevokeIfFullyRefunded(db, refund);
        }

        outbox.Add(db, refund.WillFail ? WebhookEventTypes.RefundFailed : WebhookEventTypes.RefundSucceeded, SandboxJson.Refund(refund, customer));
    }

    /// <summary>Each item is a product of the payment's cart: its whole line, or the amount given (at most the line).</summary>
    private static long ItemsAmount(SbPayment payment, JsonArray items)
    {
        var cart = payment.ProductCartJson is null ? [] : SandboxJson.ParseArray(payment.ProductCartJson);
        long total = 0;
        foreach (var node in items)
        {
            var item = node as JsonObject ?? throw SandboxRequestException.Body("items[] must be objects.");
            var itemId = RequestBody.String(item, "item_id") ?? throw SandboxRequestException.Body("items[].item_id is required.");
            if (!cart.Any(line => line?["product_id"]?.GetValue<string>() == itemId))
            {
                throw SandboxRequestException.Invalid($"Payment {payment.Id} has no item {itemId}.");
            }

            // The sandbox's carts hold one line per product; a line's value is the payment total split evenly.
            var lineValue = payment.TotalAmount / Math.Max(1, cart.Count);
            var asked = item["amount"] is JsonValue value && value.TryGetValue<long>(out var a) ? a : lineValue;
            if (asked <= 0 || asked > lineValue)
            {
                throw SandboxRequestException.Invalid($"items[].amount for {itemId} must be between 1 and {lineValue}.");
            }

            total += asked;
        }

        return total;
    }
}
