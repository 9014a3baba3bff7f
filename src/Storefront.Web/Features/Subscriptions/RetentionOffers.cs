using Microsoft.EntityFrameworkCore;
using Storefront.Domain.Plans;
using Storefront.Web.Data;
using Storefront.Web.Features.Catalog;

namespace Storefront.Web.Features.Subscriptions;

/// <summary>
/// The offer a leaving subscriber sees for their reason (a cheaper plan, changed with Dodo's preview), and the record
/// that it kept them. The offer never stands between the customer and "Cancel": it sits beside it.
/// </summary>
public sealed class RetentionOffers(IDbContextFactory<StorefrontDbContext> dbFactory, Orders.ICustomerPlans plans, TimeProvider clock)
{
    /// <summary>The plan offered for this reason, if the admin set one and it is cheaper than the customer's plan, billed alike.</summary>
    public async Task<CatalogItem?> OfferForAsync(string userId, string? reason, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = CancellationReasons.Normalize(reason);
        var planId = await db.RetentionOffers.Where(o => o.Reason == key).Select(o => o.PlanProductId).FirstOrDefaultAsync(cancellationToken);
        if (planId is null || await plans.CurrentAsync(db, userId, cancellationToken) is not { IsActive: true } plan)
        {
            return null;
        }

        var current = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == plan.ProductId, cancellationToken);
        var offered = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId && !p.IsArchived, cancellationToken);
        return offered is not null && current is not null && offered.Id != current.Id
            && offered.Kind == Storefront.Domain.Catalog.ProductKind.Subscription && offered.Currency == current.Currency
            && offered.BillingInterval == current.BillingInterval && offered.PriceMinor < current.PriceMinor
            ? CatalogItem.From(offered)
            : null;
    }

    /// <summary>The customer took the cheaper plan instead of cancelling: a save, worth the new plan's price each period.</summary>
    public async Task RecordSavedAsync(string userId, string? reason, CatalogItem plan, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscription = await db.Subscriptions.AsNoTracking().FirstAsync(s => s.UserId == userId, cancellationToken);
        db.CancellationRequests.Add(new CancellationRequest
        {
            UserId = userId, DodoSubscriptionId = subscription.DodoSubscriptionId, Reason = CancellationReasons.Normalize(reason),
            RequestedAt = clock.GetUtcNow().UtcDateTime, Outcome = CancellationOutcome.Saved, OfferedPlanProductId = plan.Id,
            KeptRecurringMinor = plan.Price.Minor, Currency = plan.Price.Currency,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The plan set for a reason, whatever the customer's plan (recorded with a cancellation: what was on offer).</summary>
    public static async Task<string?> ConfiguredPlanAsync(StorefrontDbContext db, string reason, CancellationToken cancellationToken) =>
        await db.RetentionOffers.Where(o => o.Reason == reason).Select(o => o.PlanProductId).FirstOrDefaultAsync(cancellationToken);
}
