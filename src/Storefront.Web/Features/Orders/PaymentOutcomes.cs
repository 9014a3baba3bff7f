using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;
using Storefront.Domain;
using Storefront.Web.Features.Notifications;
using Storefront.Web.Features.Offers;
using Storefront.Web.Features.Webhooks;

namespace Storefront.Web.Features.Orders;

/// <summary>
/// Applies what Dodo says about a payment (from a webhook or a lookup) to the order and offer it belongs to.
/// Idempotent and order-independent: Paid and Succeeded are final, so a late payment.failed or a repeated
/// payment.succeeded changes nothing, and an entitlement is granted once per order.
/// </summary>
public sealed class PaymentOutcomes(
    IDbContextFactory<StorefrontDbContext> dbFactory, OrderNotifier notifier, CustomerMessages messages, StoreAddress address, TimeProvider clock)
{
    public const string OrderIdKey = "order_id";
    public const string OfferAttemptIdKey = "offer_attempt_id";

    /// <summary>
    /// Applies the payment. The same payment may be applied at the same moment by its webhook, the reconciler and the
    /// request that made it; if another one's write wins (the entitlement's unique key), this one applies again on top
    /// of it, which changes nothing further.
    /// </summary>
    public async Task<WebhookOutcome> ApplyAsync(Payment payment, CancellationToken cancellationToken)
    {
        try
        {
            return await ApplyOnceAsync(payment, cancellationToken);
        }
        catch (DbUpdateException)
        {
            return await ApplyOnceAsync(payment, cancellationToken);
        }
    }

    private async Task<WebhookOutcome> ApplyOnceAsync(Payment payment, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var order = await FindOrderAsync(db, payment, cancellationToken);
        var attempt = Guid.TryParse(payment.Metadata?.GetValueOrDefault(OfferAttemptIdKey), out var attemptId)
            ? await db.OfferAttempts.FirstOrDefaultAsync(a => a.Id == attemptId, cancellationToken)
            : null;
        var quote = Guid.TryParse(payment.Metadata?.GetValueOrDefault(Subscriptions.PlanChangeService.QuoteIdKey), out var quoteId)
            ? await db.PlanChangeQuotes.FirstOrDefaultAsync(q => q.Id == quoteId, cancellationToken)
            : null;
        if (order is null && attempt is null && quote is null)
        {
            return WebhookOutcome.NoMatch;
        }

        if (quote is not null && payment.Status is PaymentStatus.Failed or PaymentStatus.Cancelled && Subscriptions.PlanChangeEnd.IsOpen(quote.Status)
            && quote.OnFailure == Storefront.Domain.Plans.PaymentFailureBehaviour.PreventChange)
        {
            // With prevent_change the plan stays as it was and the change waits for the customer to pay with another
            // card or keep their plan. (With apply_change the plan changes anyway and goes on hold: plan_changed applies
            // the quote and the on-hold banner says the rest.)
            await Subscriptions.PlanChangeEnd.AwaitPaymentAsync(db, quote, Payments.DeclineWords.For(payment), cancellationToken);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        switch (payment.Status)
        {
            case PaymentStatus.Succeeded:
                if (order is not null)
                {
                    MarkPaid(db, order, payment, now);
                }

                if (attempt is not null)
                {
                    attempt.Status = OfferAttemptStatus.Succeeded;
                    attempt.PaymentId = payment.PaymentId;
                    attempt.PaidAmountMinor = payment.TotalAmount;
                    attempt.Currency = payment.Currency;
                    attempt.FailureMessage = null;
                    attempt.CustomerActionUrl = null;
                    attempt.DecidedAt ??= now;
                }

                break;
            case PaymentStatus.Failed or PaymentStatus.Cancelled:
                if (order is { Status: not OrderStatus.Paid })
                {
                    order.Status = OrderStatus.Failed;
                    order.FailureCode = payment.ErrorCode;
                    order.FailureMessage = Payments.DeclineWords.For(payment);
                }

                if (attempt is { Status: not OfferAttemptStatus.Succeeded })
                {
                    attempt.Status = OfferAttemptStatus.Failed;
                    attempt.PaymentId = payment.PaymentId;
                    attempt.FailureMessage = Payments.DeclineWords.For(payment);
                    attempt.CustomerActionUrl = null;
                    attempt.DecidedAt ??= now;
                }

                break;
            default:
                // processing, requires_customer_action and friends: nothing final yet; remember which payment to look up.
                if (order is { PaymentId: null, Status: OrderStatus.Pending })
                {
                    order.PaymentId = payment.PaymentId;
                }

                break;
        }

        if (order is not null)
        {
            await EmailAboutAsync(db, order, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        var userId = order?.UserId ?? attempt?.UserId ?? quote!.UserId;
        await notifier.NotifyAsync(userId);
        return WebhookOutcome.Applied;
    }

    /// <summary>A receipt when an order turns Paid; a payment-problem email when an added offer's charge fails. Once per order.</summary>
    private async Task EmailAboutAsync(StorefrontDbContext db, Order order, CancellationToken cancellationToken)
    {
        var state = db.Entry(order).Property(o => o.Status);
        if (!state.IsModified)
        {
            return;
        }

        var link = ("View your order", new Uri(address.Base(), $"orders/{order.Id}"));
        var amount = new Money(order.AmountMinor, order.Currency).Format();
        if (order.Status == OrderStatus.Paid)
        {
            await messages.EmailAsync(db, order.UserId, $"receipt:{order.Id}", $"Receipt: {order.ProductName}",
                [$"Thank you for your order. {order.ProductName}: {amount}, paid to Dodo Payments (our merchant of record).",
                 $"Order {order.Id}. Dodo Payments sends its invoice separately."], link, cancellationToken);
        }
        else if (order is { Status: OrderStatus.Failed, Kind: not OrderKind.Purchase })
        {
            await messages.EmailAsync(db, order.UserId, $"payment-problem:{order.Id}", $"We couldn't charge your card for {order.ProductName}",
                [$"Your bank declined the charge of {amount} for {order.ProductName}, so nothing was added and nothing was charged.",
                 "You can pay with another card from your order page."], link, cancellationToken);
        }
    }

    private static void MarkPaid(StorefrontDbContext db, Order order, Payment payment, DateTime now)
    {
        if (order.Status == OrderStatus.Paid)
        {
            return;
        }

        order.Status = OrderStatus.Paid;
        order.PaidAt = now;
        order.AmountMinor = payment.TotalAmount;
        order.PaymentId = payment.PaymentId;
        order.SubscriptionId ??= payment.SubscriptionId;
        order.BillingAddress = payment.Billing is null ? null : Payments.CustomerBilling.Serialize(payment.Billing);
        order.FailureCode = null;
        order.FailureMessage = null;
        if (payment.SubscriptionId is null)
        {
            db.Entitlements.Add(new Entitlement { UserId = order.UserId, ProductId = order.ProductId, OrderId = order.Id, GrantedAt = now });
        }
    }

    private static async Task<Order?> FindOrderAsync(StorefrontDbContext db, Payment payment, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(payment.Metadata?.GetValueOrDefault(OrderIdKey), out var orderId))
        {
            return await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        }

        return await db.Orders.FirstOrDefaultAsync(o => o.PaymentId == payment.PaymentId
            || (payment.CheckoutSessionId != null && o.CheckoutSessionId == payment.CheckoutSessionId), cancellationToken);
    }
}
