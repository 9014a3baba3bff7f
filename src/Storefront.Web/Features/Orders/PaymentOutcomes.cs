using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;
using Storefront.Domain;
using Storefront.Web.Features.Notifications;
using Storefront.Web.Features.Webhooks;
using Storefront.Web.Features.Live;

namespace Storefront.Web.Features.Orders;

/// <summary>
/// Applies what Dodo says about a payment (from a webhook or a lookup) to the order it belongs to, and lets the
/// features that registered an <see cref="IPaymentFollower"/> (an offer, a plan change) apply it to theirs, in one
/// unit of work.
/// Idempotent and order-independent: Paid and Succeeded are final, so a late payment.failed or a repeated
/// payment.succeeded changes nothing, and an entitlement is granted once per order.
/// </summary>
public sealed class PaymentOutcomes(
    IDbContextFactory<StorefrontDbContext> dbFactory,
    IEnumerable<IPaymentFollower> followers,
    CustomerChanges notifier,
    CustomerMessages messages,
    StoreAddress address,
    TimeProvider clock)
{
    public const string OrderIdKey = "order_id";

    /// <summary>The metadata key that ties a payment to an offer attempt (set by Offers, read by its follower).</summary>
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
        var now = clock.GetUtcNow().UtcDateTime;
        var order = await FindOrderAsync(db, payment, cancellationToken);
        var customers = new List<string>();
        foreach (var follower in followers)
        {
            if (await follower.FollowAsync(db, payment, now, cancellationToken) is { } userId)
            {
                customers.Add(userId);
            }
        }

        if (order is null && customers.Count == 0)
        {
            return WebhookOutcome.NoMatch;
        }

        if (order is not null)
        {
            ApplyToOrder(db, order, payment, now);
            customers.Add(order.UserId);
            await EmailAboutAsync(db, order, cancellationToken);
        }

        // A repeated or older event changes nothing: the customer's pages are told only about real changes.
        var changed = db.ChangeTracker.HasChanges();
        await db.SaveChangesAsync(cancellationToken);
        if (changed)
        {
            foreach (var userId in customers.Distinct(StringComparer.Ordinal))
            {
                await notifier.NotifyAsync(userId);
            }
        }

        return WebhookOutcome.Applied;
    }

    private static void ApplyToOrder(StorefrontDbContext db, Order order, Payment payment, DateTime now)
    {
        switch (payment.Status)
        {
            case PaymentStatus.Succeeded:
                MarkPaid(db, order, payment, now);
                break;
            case PaymentStatus.Failed or PaymentStatus.Cancelled:
                if (order.Status != OrderStatus.Paid)
                {
                    order.Status = OrderStatus.Failed;
                    order.PaymentId = payment.PaymentId; // the payment the failure is about (the page compares it)
                    order.FailureCode = payment.ErrorCode;
                    order.FailureMessage = Payments.DeclineWords.For(payment);
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
