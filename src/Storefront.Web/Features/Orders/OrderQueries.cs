using Dodo.Payments;
using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;

namespace Storefront.Web.Features.Orders;

/// <summary>Reads a customer's orders and settles a pending one by asking Dodo, when the webhook is slow.</summary>
public sealed class OrderQueries(
    IDbContextFactory<StorefrontDbContext> dbFactory, DodoClient dodo, PaymentOutcomes outcomes, TrialOrders trials, Live.CustomerChanges notifier, TimeProvider clock)
{
    /// <summary>The order, only if it is this customer's.</summary>
    public async Task<Order?> FindAsync(string userId, Guid orderId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId && o.UserId == userId, cancellationToken);
    }

    /// <summary>Offers paid for from this order's page (upsells, downsells, cross-sells), in the order they were added.</summary>
    public async Task<IReadOnlyList<Order>> AddedToAsync(string userId, Guid orderId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Orders.AsNoTracking().Where(o => o.UserId == userId && o.ParentOrderId == orderId && o.Status == OrderStatus.Paid)
            .OrderBy(o => o.PaidAt).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Order>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Orders.AsNoTracking().Where(o => o.UserId == userId)
            .OrderByDescending(o => o.CreatedAt).Take(50).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Looks the checkout's payment up at Dodo and applies it exactly as the webhook would. Only reads Dodo, so it is
    /// safe to repeat; the webhook stays the source of truth and arrives anyway.
    /// </summary>
    public async Task SettlePendingAsync(Order order, CancellationToken cancellationToken)
    {
        if (order.Status != OrderStatus.Pending || order.CheckoutSessionId is null)
        {
            return;
        }

        var session = await dodo.GetCheckoutSessionAsync(order.CheckoutSessionId, cancellationToken);
        if (session.PaymentId is not null && session.PaymentStatus is PaymentStatus.Succeeded or PaymentStatus.Failed)
        {
            await outcomes.ApplyAsync(await dodo.GetPaymentAsync(session.PaymentId, cancellationToken), cancellationToken);
        }
        else if (session.PaymentId is null)
        {
            await SettleTrialAsync(order, cancellationToken);
        }
    }

    /// <summary>A plan started with a free trial has no payment: its subscription at Dodo says the order is done.</summary>
    private async Task SettleTrialAsync(Order order, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var hasTrial = await db.Products.AnyAsync(p => p.DodoProductId == order.DodoProductId && p.TrialPeriodDays > 0, cancellationToken);
        var customerId = await db.Users.Where(u => u.Id == order.UserId).Select(u => u.DodoCustomerId).FirstOrDefaultAsync(cancellationToken);
        if (!hasTrial || customerId is null || await TrialOrders.FindAsync(dodo, customerId, order, cancellationToken) is not { } subscription)
        {
            return;
        }

        if (await trials.StartAsync(db, subscription, clock.GetUtcNow().UtcDateTime, cancellationToken) is { } userId)
        {
            await db.SaveChangesAsync(cancellationToken);
            await notifier.NotifyAsync(userId);
        }
    }
}
