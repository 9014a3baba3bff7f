using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Storefront.Domain.Catalog;
using Storefront.Web.Data;
using Storefront.Web.Features.Catalog;
using Storefront.Web.Features.Notifications;
using Storefront.Web.Features.Orders;

namespace Storefront.Web.Features.Subscriptions;

public sealed record SubscriptionOverview(
    CustomerSubscription? Subscription,
    CatalogItem? Plan,
    CatalogItem? ScheduledPlan,
    IReadOnlyList<CatalogItem> OtherPlans,
    PlanChangeQuote? LatestQuote)
{
    /// <summary>The plan of a change that waits for the customer's payment (prevent_change declined its charge).</summary>
    public CatalogItem? AwaitingPaymentPlan { get; init; }

    /// <summary>The percentage off of the discount on the subscription, when it is one of the store's codes.</summary>
    public int? DiscountPercent { get; init; }

    /// <summary>How the credit came and went, newest first.</summary>
    public IReadOnlyList<CreditMovement> CreditMovements { get; init; } = [];
}

public sealed record AccountOverview(
    SubscriptionOverview Subscription,
    IReadOnlyList<(Entitlement Entitlement, CatalogItem Product)> Library,
    IReadOnlyList<Order> Orders,
    IReadOnlyList<CustomerNotification> Notifications);

/// <summary>What "My account" and "My subscription" show.</summary>
public sealed class SubscriptionQueries(IDbContextFactory<StorefrontDbContext> dbFactory, CustomerMessages messages)
{
    public async Task<SubscriptionOverview> SubscriptionAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await SubscriptionAsync(db, userId, cancellationToken);
    }

    public async Task<AccountOverview> AccountAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscription = await SubscriptionAsync(db, userId, cancellationToken);
        var library = await (from e in db.Entitlements
                             join p in db.Products on e.ProductId equals p.Id
                             where e.UserId == userId
                             orderby e.GrantedAt descending
                             select new { e, p }).AsNoTracking().ToListAsync(cancellationToken);
        var orders = await db.Orders.AsNoTracking().Where(o => o.UserId == userId).OrderByDescending(o => o.CreatedAt).Take(20).ToListAsync(cancellationToken);
        var notifications = await messages.RecentAsync(db, userId, cancellationToken);
        return new AccountOverview(subscription, library.Select(x => (x.e, CatalogItem.From(x.p))).ToList(), orders, notifications);
    }

    private static async Task<SubscriptionOverview> SubscriptionAsync(StorefrontDbContext db, string userId, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.AsNoTracking()
            .Where(s => s.UserId == userId && s.Status != SubscriptionStatus.Failed)
            .OrderBy(s => s.Status == SubscriptionStatus.Active ? 0 : s.Status == SubscriptionStatus.OnHold ? 1 : 2).ThenByDescending(s => s.LastEventAt)
            .FirstOrDefaultAsync(cancellationToken);
        var plans = (await db.Products.AsNoTracking().Where(p => p.Kind == ProductKind.Subscription && !p.IsArchived)
            .OrderBy(p => p.PriceMinor).ToListAsync(cancellationToken)).Select(CatalogItem.From).ToList();
        var products = await db.Products.AsNoTracking().Where(p => p.Kind == ProductKind.Subscription).ToDictionaryAsync(p => p.DodoProductId, cancellationToken);
        var plan = subscription is not null && products.TryGetValue(subscription.DodoProductId, out var current) ? CatalogItem.From(current) : null;
        var scheduled = subscription?.ScheduledDodoProductId is { } next && products.TryGetValue(next, out var nextPlan) ? CatalogItem.From(nextPlan) : null;
        var quote = subscription is null ? null : await db.PlanChangeQuotes.AsNoTracking()
            .Where(q => q.DodoSubscriptionId == subscription.DodoSubscriptionId && q.Status != QuoteStatus.Quoted && q.Status != QuoteStatus.Superseded)
            .OrderByDescending(q => q.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var awaiting = quote is { Status: QuoteStatus.AwaitingPayment } && products.TryGetValue(quote.TargetDodoProductId, out var wanted) ? CatalogItem.From(wanted) : null;
        var movements = subscription is null ? []
            : await db.CreditMovements.AsNoTracking().Where(m => m.DodoSubscriptionId == subscription.DodoSubscriptionId)
                .OrderByDescending(m => m.At).Take(20).ToListAsync(cancellationToken);
        var discountPercent = await Offers.OfferDiscountCodes.PercentOfAsync(db, subscription?.DodoDiscountId, cancellationToken);
        return new SubscriptionOverview(subscription, plan, scheduled, plans.Where(p => p.Id != plan?.Id).ToList(), quote)
        {
            AwaitingPaymentPlan = awaiting,
            CreditMovements = movements,
            DiscountPercent = discountPercent,
        };
    }
}
