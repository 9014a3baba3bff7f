using Microsoft.EntityFrameworkCore;
using Storefront.Domain.Offers;
using Storefront.Web.Data;
using Storefront.Web.Features.Orders;

namespace Storefront.Web.Features.Offers;

internal static class OfferHistoryReader
{
    /// <summary>Declined offers (ever), offers already tried for this order, and what the customer owns.</summary>
    public static async Task<OfferHistory> ReadAsync(StorefrontDbContext db, ICustomerPlans plans, string userId, Guid orderId, CancellationToken cancellationToken)
    {
        var declined = await db.OfferAttempts.Where(a => a.UserId == userId && a.Status == OfferAttemptStatus.Declined)
            .Select(a => a.RuleId).ToListAsync(cancellationToken);
        var attempted = await db.OfferAttempts.Where(a => a.UserId == userId && a.OrderId == orderId && a.Status != OfferAttemptStatus.Shown)
            .Select(a => a.RuleId).ToListAsync(cancellationToken);
        var owned = await db.Entitlements.Where(e => e.UserId == userId).Select(e => e.ProductId).ToListAsync(cancellationToken);
        var plan = await plans.CurrentAsync(db, userId, cancellationToken);
        var pending = await db.Orders.Where(o => o.UserId == userId && o.Status == OrderStatus.Pending && o.Kind != OrderKind.Purchase)
            .Select(o => o.ProductId).ToListAsync(cancellationToken);
        var declinedHere = await db.OfferAttempts.Where(a => a.UserId == userId && a.OrderId == orderId && a.Status == OfferAttemptStatus.Declined)
            .Select(a => a.OfferProductId).ToListAsync(cancellationToken);
        return new OfferHistory(declined.ToHashSet(), attempted.ToHashSet(), owned.Concat(plan is null ? [] : [plan.ProductId]).Concat(pending).ToHashSet())
        {
            DeclinedProductIds = declinedHere.ToHashSet(),
        };
    }
}
