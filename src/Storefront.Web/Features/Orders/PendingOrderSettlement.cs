using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Web.Data;
using Storefront.Web.Features.Reconciliation;

namespace Storefront.Web.Features.Orders;

/// <summary>Checkout orders still pending after Store:PaymentLookupAfterSeconds (the webhook is slower than usual).</summary>
public sealed class PendingOrderSettlement(
    IDbContextFactory<StorefrontDbContext> dbFactory, OrderQueries orders, IOptions<StoreOptions> store, TimeProvider clock) : IMoneySettlement
{
    public string What => "order";

    public async Task<IReadOnlyList<Guid>> DueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lateSince = now - TimeSpan.FromSeconds(store.Value.PaymentLookupAfterSeconds);
        var oldest = now - TimeSpan.FromDays(1); // a checkout session lives 24 hours
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Orders.AsNoTracking()
            .Where(o => o.Status == OrderStatus.Pending && o.CheckoutSessionId != null && o.OfferAttemptId == null
                && o.CreatedAt < lateSince && o.CreatedAt > oldest)
            .OrderBy(o => o.CreatedAt).Select(o => o.Id).Take(100).ToListAsync(cancellationToken);
    }

    public async Task<bool> SettleAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null)
        {
            return true;
        }

        await orders.SettlePendingAsync(order, cancellationToken);
        return false;
    }
}
