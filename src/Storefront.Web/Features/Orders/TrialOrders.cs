using System.Globalization;
using Dodo.Payments;
using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Storefront.Domain;
using Storefront.Web.Data;
using Storefront.Web.Features.Notifications;

namespace Storefront.Web.Features.Orders;

/// <summary>
/// A plan bought with a free trial: Dodo starts the subscription without a payment, so the order learns it is done
/// from the subscription (its webhook, or a lookup by the reconciler), not from a payment. It turns Paid for nothing
/// today and remembers when Dodo's first charge is due.
/// </summary>
public sealed class TrialOrders(CustomerMessages messages, StoreAddress address)
{
    /// <summary>Completes the order the subscription was bought with, if it started a trial. Returns that order's customer, or null.</summary>
    public async Task<string?> StartAsync(StorefrontDbContext db, Subscription subscription, DateTime now, CancellationToken cancellationToken)
    {
        if (subscription is not { TrialPeriodDays: > 0, Status: SubscriptionStatus.Active }
            || !Guid.TryParse(subscription.Metadata?.GetValueOrDefault(PaymentOutcomes.OrderIdKey), out var orderId))
        {
            return null;
        }

        // Pending, or made Paid for $0.00 by a zero payment that arrived first (should Dodo send one): both are this trial's.
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId && o.TrialEndsAt == null
            && (o.Status == OrderStatus.Pending || (o.Status == OrderStatus.Paid && o.AmountMinor == 0)), cancellationToken);
        if (order is null)
        {
            return null;
        }

        var trialEnds = TrialEnd(subscription);
        var firstCharge = new Money(subscription.RecurringPreTaxAmount, subscription.Currency).Format();
        order.Status = OrderStatus.Paid;
        order.AmountMinor = 0;
        order.PaidAt ??= now;
        order.SubscriptionId = subscription.SubscriptionId;
        order.TrialEndsAt = trialEnds;
        var ends = trialEnds.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
        await messages.EmailAsync(db, order.UserId, $"trial-started:{order.Id}", $"Your free trial of {order.ProductName} has started",
            [$"Nothing was charged today. Your {subscription.TrialPeriodDays}-day free trial of {order.ProductName} runs until {ends}.",
             $"Then Dodo Payments (our merchant of record) charges {firstCharge} to the card you gave, and every period after that. Cancel before {ends} from My subscription and you pay nothing; we'll remind you a few days before."],
            ("Manage your plan", new Uri(address.Base(), "account/subscription")), cancellationToken);
        return order.UserId;
    }

    /// <summary>The end of the trial Dodo granted: its start plus trial_period_days (the first billing date while it runs).</summary>
    public static DateTime TrialEnd(Subscription subscription) => subscription.CreatedAt.UtcDateTime.AddDays(subscription.TrialPeriodDays);

    /// <summary>
    /// For the reconciler: a trial checkout has no payment to look up, so the customer's subscriptions at Dodo are
    /// read and the one started by this order (its metadata) is applied as its webhook would be.
    /// </summary>
    public static async Task<Subscription?> FindAsync(DodoClient dodo, string dodoCustomerId, Order order, CancellationToken cancellationToken)
    {
        var candidates = await dodo.ListSubscriptionsAsync(new SubscriptionListQuery { CustomerId = dodoCustomerId, ProductId = order.DodoProductId }, cancellationToken);
        foreach (var item in candidates.Items.Where(s => s.CreatedAt >= order.CreatedAt.AddMinutes(-5)))
        {
            var subscription = await dodo.GetSubscriptionAsync(item.SubscriptionId, cancellationToken);
            if (subscription.Metadata?.GetValueOrDefault(PaymentOutcomes.OrderIdKey) == order.Id.ToString())
            {
                return subscription;
            }
        }

        return null;
    }
}
