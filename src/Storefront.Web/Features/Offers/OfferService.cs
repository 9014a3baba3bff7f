using Microsoft.EntityFrameworkCore;
using Storefront.Domain;
using Storefront.Domain.Offers;
using Storefront.Web.Data;
using Storefront.Web.Features.Experiments;
using Storefront.Web.Features.Catalog;
using Storefront.Web.Features.Orders;
using Storefront.Web.Features.Live;
using Storefront.Web.Features.Payments;

namespace Storefront.Web.Features.Offers;

/// <summary>
/// Which offers a customer sees: the post-purchase funnel on a paid order (a first upsell, then a downsell after a
/// decline or the next upsell after an accept, three offers at most), and cross-sells on product and order pages.
/// Each shown offer is an <see cref="OfferAttempt"/>, found again on refresh or in another tab, so every view of the
/// same offer shares one attempt and therefore at most one charge.
/// </summary>
public sealed class OfferService(
    IDbContextFactory<StorefrontDbContext> dbFactory,
    SavedCards cards,
    DodoCustomerLink customers,
    ICustomerPlans plans,
    CustomerChanges changes,
    ExpiredOffers expiredOffers,
    ExperimentArms experiments,
    TimeProvider clock)
{
    /// <summary>Product-page cross-sells are not tied to an order; they share this empty order id.</summary>
    public static readonly Guid NoOrder = Guid.Empty;

    private static readonly TimeSpan RecentOutcomeWindow = TimeSpan.FromMinutes(30);

    public async Task<OfferView?> PostPurchaseOfferAsync(string userId, Guid orderId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId && o.UserId == userId, cancellationToken);
        if (order is not { Status: OrderStatus.Paid, Kind: OrderKind.Purchase })
        {
            return null;
        }

        // The funnel so far on this order: its latest step decides what comes next.
        var steps = await db.OfferAttempts
            .Where(a => a.UserId == userId && a.OrderId == orderId && a.Kind != OfferKind.CrossSell)
            .OrderByDescending(a => a.CreatedAt).ToListAsync(cancellationToken);
        var latest = steps.FirstOrDefault();
        var funnelGoesOn = latest is null || latest.Status is OfferAttemptStatus.Declined or OfferAttemptStatus.Succeeded;
        if (latest is not null && (!funnelGoesOn || steps.Count >= RuleValidation.MaxOffersPerFunnel))
        {
            return latest.Status == OfferAttemptStatus.Declined ? null : await ViewAsync(db, latest, order.ProductId, cancellationToken);
        }

        var rules = await LiveRulesAsync(db, cancellationToken);
        var history = await OfferHistoryReader.ReadAsync(db, plans, userId, orderId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var rule = NextStep(order.ProductId, latest, rules, history, now);
        // A running experiment on the rule decides what this customer sees: a variant, or nothing (the holdout).
        var arm = rule is null ? null : await experiments.ArmAsync(db, rule.Id, userId, cancellationToken);
        if (rule is not null && arm?.Variant is { } variant)
        {
            rule = rule with { OfferProductId = variant.OfferProductId ?? rule.OfferProductId, DiscountPercent = variant.DiscountPercent ?? rule.DiscountPercent };
        }

        // An offer whose time after this purchase is already up is not shown at all (an old order, opened again).
        var deadline = rule is null ? null : OfferExpiry.Deadline(rule.Kind, order.PaidAt ?? order.CreatedAt, rule.ExpiresAfterMinutes);
        var endsHere = rule is null || OfferExpiry.HasExpired(deadline, now) || !await CanBeOfferedNowAsync(db, userId, rule.OfferProductId, order.ProductId, cancellationToken);
        if (!endsHere && arm is not null)
        {
            // Counted only when the offer would really have been made, in every arm alike.
            await experiments.RecordAsync(db, arm, userId, orderId, cancellationToken);
            endsHere = arm.IsHoldout;
        }

        if (endsHere)
        {
            // The funnel ends here; an accepted last step keeps showing how it went.
            return latest is { Status: OfferAttemptStatus.Succeeded } ? await ViewAsync(db, latest, order.ProductId, cancellationToken) : null;
        }

        var attempt = await FindOrCreateAttemptAsync(db, userId, rule!, orderId, deadline, cancellationToken, arm?.Variant?.Id);
        return await ViewAsync(db, attempt, order.ProductId, cancellationToken);
    }

    /// <summary>The funnel's next offer: the first upsell, a downsell after a decline, the next upsell after an accept.</summary>
    private static OfferRule? NextStep(string purchasedProductId, OfferAttempt? latest, List<OfferRule> rules, OfferHistory history, DateTime now)
    {
        if (latest is null)
        {
            return OfferSelector.PostPurchase(purchasedProductId, rules, history, now);
        }

        return rules.FirstOrDefault(r => r.Id == latest.RuleId) is not { } previous ? null
            : latest.Status == OfferAttemptStatus.Declined ? OfferSelector.DownsellAfter(previous, rules, history, now)
            : OfferSelector.NextAfterAccept(previous, rules, history, now);
    }

    /// <summary>
    /// A plan offered to a subscriber is a change of their subscription, so it waits until Dodo's subscription.active
    /// has told us about that subscription (the page updates itself when it arrives). A plan offered after a one-time
    /// purchase to a customer without one is a new subscription, started on Dodo's checkout.
    /// </summary>
    private async Task<bool> CanBeOfferedNowAsync(StorefrontDbContext db, string userId, string offerProductId, string purchasedProductId, CancellationToken cancellationToken)
    {
        var plansAmong = await db.Products.Where(p => (p.Id == offerProductId || p.Id == purchasedProductId) && p.Kind == Storefront.Domain.Catalog.ProductKind.Subscription)
            .Select(p => p.Id).ToListAsync(cancellationToken);
        if (!plansAmong.Contains(offerProductId))
        {
            return true;
        }

        var plan = await plans.CurrentAsync(db, userId, cancellationToken);
        return plan is { IsActive: true } || (plan is null && !plansAmong.Contains(purchasedProductId));
    }

    /// <summary>
    /// Cross-sells for a product (and, on an order page, that order). Anonymous visitors get them without attempts. The
    /// card's words follow the page: "Add to my order" with an order, "Buy now" on a product page.
    /// </summary>
    public async Task<IReadOnlyList<OfferView>> CrossSellsAsync(string? userId, string productId, Guid orderId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rules = await LiveRulesAsync(db, cancellationToken);
        var history = userId is null ? OfferHistory.Empty : await OfferHistoryReader.ReadAsync(db, plans, userId, orderId, cancellationToken);
        var views = new List<OfferView>();
        if (userId is not null)
        {
            // Cross-sells the customer just acted on stay in place for a while, showing how it went.
            var since = clock.GetUtcNow().UtcDateTime - RecentOutcomeWindow;
            // The live offer of a product is shared by every page that shows it, so its outcome is looked up by product.
            var crossSold = db.UpsellRules.Where(r => r.TriggerProductId == productId && r.Kind == OfferKind.CrossSell).Select(r => r.OfferProductId);
            var recent = await db.OfferAttempts.Where(a => a.UserId == userId && crossSold.Contains(a.OfferProductId)
                    && a.Status != OfferAttemptStatus.Shown && a.Status != OfferAttemptStatus.Declined && a.Status != OfferAttemptStatus.Withdrawn
                    && a.DecidedAt > since)
                .ToListAsync(cancellationToken);
            foreach (var attempt in recent)
            {
                var addedHere = orderId != NoOrder
                    && (attempt.OrderId == orderId || await db.Orders.AnyAsync(o => o.Id == attempt.ResultOrderId && o.ParentOrderId == orderId, cancellationToken));
                views.Add(await ViewAsync(db, attempt, productId, cancellationToken) with { OnOrder = addedHere });
            }
        }

        foreach (var rule in OfferSelector.CrossSells(productId, rules, history, clock.GetUtcNow().UtcDateTime))
        {
            if (userId is null)
            {
                views.Add(await AnonymousViewAsync(db, rule, cancellationToken));
                continue;
            }

            var attempt = await FindOrCreateAttemptAsync(db, userId, rule, orderId, expiresAt: null, cancellationToken);
            if (attempt.Status != OfferAttemptStatus.Declined)
            {
                // The live offer of a product may have been made on another page; bought here, it joins this order.
                views.Add(await ViewAsync(db, attempt, productId, cancellationToken) with { OnOrder = orderId != NoOrder, AddsToOrderId = orderId == NoOrder ? null : orderId });
            }
        }

        return views;
    }

    /// <summary>The current state of one attempt, if it is this customer's.</summary>
    public async Task<OfferView?> FindAsync(string userId, Guid attemptId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var attempt = await db.OfferAttempts.FirstOrDefaultAsync(a => a.Id == attemptId && a.UserId == userId, cancellationToken);
        if (attempt is null)
        {
            return null;
        }

        var currentProduct = await db.Orders.Where(o => o.Id == attempt.OrderId).Select(o => o.ProductId).FirstOrDefaultAsync(cancellationToken);
        return await ViewAsync(db, attempt, currentProduct, cancellationToken);
    }

    /// <summary>"No thanks": the offer is not shown again to this customer; a downsell may follow once.</summary>
    public async Task<bool> DeclineAsync(string userId, Guid attemptId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        OfferAttemptStages.EnsureCanMove(OfferAttemptStatus.Shown, OfferAttemptStatus.Declined);
        var declined = await db.OfferAttempts
            .Where(a => a.Id == attemptId && a.UserId == userId && a.Status == OfferAttemptStatus.Shown)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.Status, OfferAttemptStatus.Declined).SetProperty(a => a.DecidedAt, now), cancellationToken) == 1;
        if (declined)
        {
            await changes.NotifyAsync(userId); // every open page of the customer shows the next offer (or none)
        }

        return declined;
    }

    private static async Task<List<OfferRule>> LiveRulesAsync(StorefrontDbContext db, CancellationToken cancellationToken) =>
        (await db.UpsellRules.AsNoTracking().Where(r => r.IsActive).ToListAsync(cancellationToken)).Select(r => r.ToDomain()).ToList();

    /// <summary>
    /// The customer's live offer of this product if there is one (from any rule or page: one live offer per product),
    /// else this rule's attempt for this order, else a new one. The database's unique keys decide any race.
    /// </summary>
    private async Task<OfferAttempt> FindOrCreateAttemptAsync(
        StorefrontDbContext db, string userId, OfferRule rule, Guid orderId, DateTime? expiresAt, CancellationToken cancellationToken, long? variantId = null)
    {
        var existing = await FindAsync(db, userId, rule, orderId, cancellationToken);
        if (existing is { Status: OfferAttemptStatus.Shown } && existing.OrderId != orderId
            && OfferExpiry.HasExpired(existing.ExpiresAt, clock.GetUtcNow().UtcDateTime))
        {
            // Another order's offer of this product ran out before the reconciler closed it: close it, make this one.
            await expiredOffers.CloseIfDueAsync(existing.Id, cancellationToken);
            existing = await FindAsync(db, userId, rule, orderId, cancellationToken);
        }

        if (existing is not null)
        {
            return existing;
        }

        var attempt = new OfferAttempt
        {
            UserId = userId, RuleId = rule.Id, Kind = rule.Kind, OrderId = orderId, OfferProductId = rule.OfferProductId,
            Status = OfferAttemptStatus.Shown, CreatedAt = clock.GetUtcNow().UtcDateTime, ExpiresAt = expiresAt, VariantId = variantId,
            DiscountPercent = rule.DiscountPercent,
        };
        db.OfferAttempts.Add(attempt);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return attempt;
        }
        catch (DbUpdateException)
        {
            // Another tab or page made it at the same moment: use the one the unique key kept.
            db.ChangeTracker.Clear();
            return await FindAsync(db, userId, rule, orderId, cancellationToken)
                ?? throw new InvalidOperationException($"Offer of {rule.OfferProductId} for {userId} could not be created or found.");
        }
    }

    private static async Task<OfferAttempt?> FindAsync(StorefrontDbContext db, string userId, OfferRule rule, Guid orderId, CancellationToken cancellationToken) =>
        await db.OfferAttempts.FirstOrDefaultAsync(a => a.UserId == userId && a.OfferProductId == rule.OfferProductId
                && (a.Status == OfferAttemptStatus.Shown || a.Status == OfferAttemptStatus.Charging || a.Status == OfferAttemptStatus.Submitted
                    || a.Status == OfferAttemptStatus.Unknown), cancellationToken)
            ?? await db.OfferAttempts.FirstOrDefaultAsync(a => a.UserId == userId && a.RuleId == rule.Id && a.OrderId == orderId, cancellationToken);

    private async Task<OfferView> ViewAsync(StorefrontDbContext db, OfferAttempt attempt, string? currentProductId, CancellationToken cancellationToken)
    {
        var rule = await db.UpsellRules.AsNoTracking().SingleAsync(r => r.Id == attempt.RuleId, cancellationToken);
        var offered = await db.Products.AsNoTracking().SingleAsync(p => p.Id == attempt.OfferProductId, cancellationToken);
        var offer = CatalogItem.From(offered);
        var chargedProduct = offer.Kind == Storefront.Domain.Catalog.ProductKind.OneTime
            ? await OfferPricing.ChargedProductAsync(db, attempt.UserId, offered, cancellationToken)
            : offered;
        var charged = offer.Kind == Storefront.Domain.Catalog.ProductKind.OneTime ? CatalogItem.From(chargedProduct) : null;
        var currentProduct = currentProductId is null ? null
            : await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == currentProductId, cancellationToken);
        var current = currentProduct is null ? null : CatalogItem.From(currentProduct);

        // Past its deadline it shows as closed at once, whether or not the reconciler has recorded that yet.
        var status = attempt.Status == OfferAttemptStatus.Shown && OfferExpiry.HasExpired(attempt.ExpiresAt, clock.GetUtcNow().UtcDateTime)
            ? OfferAttemptStatus.Expired
            : attempt.Status;
        Storefront.Domain.Payments.SavedCard? card = null;
        var newPlan = false;
        if (status == OfferAttemptStatus.Shown && offer.Kind == Storefront.Domain.Catalog.ProductKind.Subscription)
        {
            // A plan change is charged to the card the subscription bills, so that is the card the offer names. A
            // customer without a plan starts one on Dodo's checkout, where they agree to be billed every period.
            var plan = await plans.CurrentAsync(db, attempt.UserId, cancellationToken);
            newPlan = plan is null;
            card = newPlan ? null
                : await cards.ForSubscriptionAsync(await customers.FindAsync(attempt.UserId, cancellationToken), plan is { IsActive: true } ? plan.PaymentMethodId : null, cancellationToken);
        }
        else if (status == OfferAttemptStatus.Shown && offer.Kind == Storefront.Domain.Catalog.ProductKind.OneTime)
        {
            // Checked before the button is shown: an expired or wrong-currency card is never offered for one click.
            card = await CustomerBilling.LatestAsync(db, attempt.UserId, cancellationToken) is null
                ? null // no billing address on file: Dodo's checkout asks for it
                : await cards.ForOneClickAsync(await customers.FindAsync(attempt.UserId, cancellationToken), offer.Price.Currency, cancellationToken);
            if (attempt.PaymentMethodId != card?.PaymentMethodId)
            {
                attempt.PaymentMethodId = card?.PaymentMethodId;
                db.Entry(attempt).Property(a => a.PaymentMethodId).IsModified = true;
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        // A variant's words replace the rule's where it has its own.
        var variant = attempt.VariantId is { } variantId
            ? await db.Set<ExperimentVariant>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == variantId, cancellationToken)
            : null;
        return new OfferView(attempt.Id, rule.Id, rule.Kind, status, Pick(variant?.Headline, rule.Headline), Pick(variant?.ValueText, rule.ValueText),
            string.IsNullOrWhiteSpace(variant?.Badge) ? rule.Badge : variant.Badge, offer, current, card,
            attempt.FailureMessage, attempt.ResultOrderId,
            attempt.PaidAmountMinor is { } paid ? new Money(paid, attempt.Currency ?? offer.Price.Currency) : null, charged)
        {
            CustomerActionUrl = attempt.Status == OfferAttemptStatus.Submitted ? attempt.CustomerActionUrl : null,
            ExpiresAt = status == OfferAttemptStatus.Shown ? attempt.ExpiresAt : null,
            MaxQuantity = OfferPricing.QuantityLimit(rule, offered, chargedProduct),
            IsNewPlan = newPlan,
            Quantity = attempt.Quantity,
            DiscountPercent = offer.Kind == Storefront.Domain.Catalog.ProductKind.OneTime ? attempt.DiscountPercent : null,
        };
    }

    private static string Pick(string? variantText, string ruleText) => string.IsNullOrWhiteSpace(variantText) ? ruleText : variantText;

    private static async Task<OfferView> AnonymousViewAsync(StorefrontDbContext db, OfferRule rule, CancellationToken cancellationToken)
    {
        var stored = await db.UpsellRules.AsNoTracking().SingleAsync(r => r.Id == rule.Id, cancellationToken);
        var offer = CatalogItem.From(await db.Products.AsNoTracking().SingleAsync(p => p.Id == rule.OfferProductId, cancellationToken));
        return new OfferView(Guid.Empty, rule.Id, rule.Kind, OfferAttemptStatus.Shown, stored.Headline, stored.ValueText, stored.Badge, offer, null, null, null, null)
        {
            OnOrder = false,
            DiscountPercent = offer.Kind == Storefront.Domain.Catalog.ProductKind.OneTime ? stored.DiscountPercent : null,
        };
    }
}
