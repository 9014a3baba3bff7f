using Dodo.Payments;
using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Storefront.Domain;
using Storefront.Domain.Offers;
using Storefront.Domain.Plans;
using Storefront.Web.Features.Live;
using Storefront.Web.Data;
using Storefront.Web.Features.Catalog;

namespace Storefront.Web.Features.Subscriptions;

/// <summary>
/// The offer a leaving subscriber sees for their reason (a cheaper plan, changed with Dodo's preview), and the record
/// that it kept them. The offer never stands between the customer and "Cancel": it sits beside it.
/// </summary>
public sealed partial class RetentionOffers(
    IDbContextFactory<StorefrontDbContext> dbFactory, Orders.ICustomerPlans plans, Offers.OfferDiscountCodes codes, DodoClient dodo,
    CustomerChanges notifier, TimeProvider clock, ILogger<RetentionOffers> logger)
{
    public const string DiscountRefusedMessage = "Dodo couldn't apply the discount, so your plan is unchanged. You can still cancel.";

    /// <summary>
    /// The offer for this reason: a cheaper plan billed alike, or a discount on the customer's own plan's next bills.
    /// Null when the admin set none, or it doesn't fit the customer's plan (not cheaper, in a trial, already discounted).
    /// </summary>
    public async Task<RetentionOfferView?> OfferForAsync(string userId, string? reason, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = CancellationReasons.Normalize(reason);
        var offer = await db.RetentionOffers.AsNoTracking().FirstOrDefaultAsync(o => o.Reason == key, cancellationToken);
        if (offer is null || await plans.CurrentAsync(db, userId, cancellationToken) is not { IsActive: true } plan)
        {
            return null;
        }

        var current = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == plan.ProductId, cancellationToken);
        if (current is null)
        {
            return null;
        }

        if (offer is { DiscountPercent: { } percent, DiscountCycles: { } cycles })
        {
            var subscription = await db.Subscriptions.AsNoTracking().FirstAsync(s => s.UserId == userId && s.DodoProductId == current.DodoProductId
                && s.Status == SubscriptionStatus.Active, cancellationToken);
            if (subscription.InTrial || subscription.DodoDiscountId is not null)
            {
                return null;
            }

            var price = new Money(subscription.RecurringAmountMinor, subscription.Currency);
            return new RetentionOfferView(null, new RetentionDiscount(percent, cycles, price, OfferDiscount.Apply(price, percent)), CatalogItem.From(current));
        }

        var offered = offer.PlanProductId is null ? null : await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == offer.PlanProductId && !p.IsArchived, cancellationToken);
        return offered is not null && offered.Id != current.Id
            && offered.Kind == Storefront.Domain.Catalog.ProductKind.Subscription && offered.Currency == current.Currency
            && offered.BillingInterval == current.BillingInterval && offered.PriceMinor < current.PriceMinor
            ? new RetentionOfferView(CatalogItem.From(offered), null, CatalogItem.From(current))
            : null;
    }

    /// <summary>
    /// The customer takes the discount instead of cancelling: Dodo's code for that percentage and number of bills is
    /// put on the subscription by a change to the same plan that bills nothing now (do_not_bill). It moves no money;
    /// a lost answer is settled by reading the subscription back. Recorded as a save worth the discounted price.
    /// </summary>
    /// <returns>What to tell the customer.</returns>
    public async Task<string> TakeDiscountAsync(string userId, string? reason, CancellationToken cancellationToken)
    {
        var view = await OfferForAsync(userId, reason, cancellationToken);
        if (view?.Discount is not { } discount)
        {
            return "That offer is no longer available.";
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscription = await db.Subscriptions.AsNoTracking().FirstAsync(s => s.UserId == userId && s.Status == SubscriptionStatus.Active, cancellationToken);
        var code = await codes.ForAsync(subscription.DodoProductId, discount.Percent, cancellationToken, discount.Cycles);
        try
        {
            await dodo.ChangePlanAsync(subscription.DodoSubscriptionId, new ChangePlanRequest
            {
                ProductId = subscription.DodoProductId, Quantity = 1, ProrationBillingMode = ProrationBillingMode.DoNotBill,
                EffectiveAt = ChangeEffectiveAt.Immediately, OnPaymentFailure = OnPaymentFailure.PreventChange, DiscountCodes = [code.Code],
            }, CancellationToken.None);
        }
        catch (DodoApiException refused)
        {
            LogRefused(logger, subscription.DodoSubscriptionId, refused.Code, refused.DodoMessage);
            return DiscountRefusedMessage;
        }
        catch (DodoUnknownOutcomeException)
        {
            // No money moves here, so reading the subscription settles it: the discount is on it, or it is not.
            var atDodo = await dodo.GetSubscriptionAsync(subscription.DodoSubscriptionId, cancellationToken);
            if (atDodo.DiscountId is null)
            {
                return DiscountRefusedMessage;
            }
        }

        db.CancellationRequests.Add(new CancellationRequest
        {
            UserId = userId, DodoSubscriptionId = subscription.DodoSubscriptionId, Reason = CancellationReasons.Normalize(reason),
            RequestedAt = clock.GetUtcNow().UtcDateTime, Outcome = CancellationOutcome.Saved,
            OfferedDiscountPercent = discount.Percent, OfferedDiscountCycles = discount.Cycles,
            KeptRecurringMinor = discount.Discounted.Minor, Currency = discount.Discounted.Currency,
        });
        await db.SaveChangesAsync(cancellationToken);
        await notifier.NotifyAsync(userId);
        return $"Done: {discount.Percent}% off your next {discount.Bills}. You pay {discount.Discounted.Format()} instead of {discount.Price.Format()}.";
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

    /// <summary>The offer set for a reason, whatever the customer's plan (recorded with a cancellation: what was on offer).</summary>
    public static async Task<RetentionOffer?> ConfiguredAsync(StorefrontDbContext db, string reason, CancellationToken cancellationToken) =>
        await db.RetentionOffers.AsNoTracking().FirstOrDefaultAsync(o => o.Reason == reason, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention discount on {SubscriptionId}: Dodo refused it ({Code}: {Message})")]
    private static partial void LogRefused(ILogger logger, string subscriptionId, string? code, string message);
}

/// <summary>What the cancel form offers: a cheaper plan or a discount (one of them), beside the customer's current plan.</summary>
public sealed record RetentionOfferView(CatalogItem? Plan, RetentionDiscount? Discount, CatalogItem CurrentPlan);

/// <summary>A percentage off the next <paramref name="Cycles"/> bills: each is <paramref name="Discounted"/> instead of <paramref name="Price"/>.</summary>
public sealed record RetentionDiscount(int Percent, int Cycles, Money Price, Money Discounted)
{
    public string Bills => Cycles == 1 ? "bill" : $"{Cycles} bills";
}
