using Dodo.Payments.Models;
using Dodo.Payments.Webhooks;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;
using Storefront.Web.Features.Notifications;
using Storefront.Web.Features.Orders;
using Storefront.Web.Features.Webhooks;
using Storefront.Web.Features.Live;

namespace Storefront.Web.Features.Subscriptions;

/// <summary>
/// Keeps the store's copy of a subscription in step with Dodo's events. An event older than the newest one applied
/// is ignored, so duplicates and out-of-order deliveries never move a plan or status backwards.
/// </summary>
public sealed class SubscriptionOutcomes(
    IDbContextFactory<StorefrontDbContext> dbFactory, CustomerMessages messages, CustomerChanges notifier, StoreAddress address, TrialOrders trialOrders, TimeProvider clock)
{
    public async Task<WebhookOutcome> ApplyAsync(string eventType, Subscription data, DateTime occurredAt, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var userId = await db.Users.Where(u => u.DodoCustomerId == data.Customer.CustomerId).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken)
            ?? data.Metadata?.GetValueOrDefault("storefront_user_id");
        if (userId is null || !await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
        {
            return WebhookOutcome.NoMatch;
        }

        var row = await db.Subscriptions.FirstOrDefaultAsync(s => s.DodoSubscriptionId == data.SubscriptionId, cancellationToken);
        var previousProductId = row?.DodoProductId;
        var discountBefore = row?.DodoDiscountId; // the discount the renewal in this event was billed with
        if (row is null)
        {
            row = new CustomerSubscription
            {
                DodoSubscriptionId = data.SubscriptionId, UserId = userId, DodoProductId = data.ProductId, Status = data.Status,
                Currency = data.Currency, CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Subscriptions.Add(row);
        }
        else if (occurredAt < row.LastEventAt)
        {
            return WebhookOutcome.Applied; // stale: a newer event already set this state
        }

        Copy(data, row, occurredAt);
        await FollowTrialAsync(db, row, data, cancellationToken);
        if (eventType == WebhookEventTypes.SubscriptionRenewed)
        {
            var used = Math.Min(row.CreditMinor, await RenewalPriceAsync(db, new Storefront.Domain.Money(data.RecurringPreTaxAmount, data.Currency), discountBefore, cancellationToken));
            row.CreditMinor -= used;
            await CreditMovementsOf.RecordAsync(db, row, $"renewal:{data.PreviousBillingDate.UtcTicks}", -used,
                $"Used for the renewal on {data.PreviousBillingDate.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}", clock.GetUtcNow().UtcDateTime, cancellationToken);
        }

        if (eventType == WebhookEventTypes.SubscriptionPlanChanged)
        {
            await ApplyQuoteAsync(db, row, clock.GetUtcNow().UtcDateTime, cancellationToken);
            // The same plan is a trial ended early ("start paying now", which the conversion message announces) or a
            // retention discount put on it (the page told the customer): "Your plan is now …" would say nothing new.
            if (data.ProductId != previousProductId)
            {
                await PostPlanChangedAsync(db, userId, data, occurredAt, cancellationToken);
            }
        }
        else if (eventType == WebhookEventTypes.SubscriptionOnHold)
        {
            await messages.PostAsync(db, userId, $"on_hold:{data.SubscriptionId}:{occurredAt.Ticks}",
                "We couldn't take the payment for your subscription. Update your card to keep your plan.",
                "Action needed: update your card", "Your last subscription payment failed. Update your card to keep your plan; we take the payment again as soon as you do.",
                cancellationToken, ("Update your card", new Uri(address.Base(), "account/subscription")));
        }
        else if (data.Status == SubscriptionStatus.Active && data.CancelAtNextBillingDate)
        {
            // Whether it was set here or in Dodo's portal; once per period (the key), however many events repeat it.
            var ends = data.NextBillingDate.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
            await messages.PostAsync(db, userId, $"cancel_scheduled:{data.SubscriptionId}:{data.NextBillingDate.Ticks}",
                $"Your plan ends on {ends}.", "Your cancellation is confirmed",
                $"Your subscription ends on {ends}. You keep everything until then, and nothing more is charged. Changed your mind? Keep your plan from My subscription before that date.",
                cancellationToken, ("Keep my plan", new Uri(address.Base(), "account/subscription")));
        }
        else if (eventType == WebhookEventTypes.SubscriptionCancelled)
        {
            await messages.PostAsync(db, userId, $"cancelled:{data.SubscriptionId}", "Your plan has ended.", "Your plan has ended",
                "Your subscription has ended and will not be charged again. Your receipts stay in My account.", cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await notifier.NotifyAsync(userId);
        return WebhookOutcome.Applied;
    }

    private async Task PostPlanChangedAsync(StorefrontDbContext db, string userId, Subscription data, DateTime occurredAt, CancellationToken cancellationToken)
    {
        var planName = await db.Products.Where(p => p.DodoProductId == data.ProductId).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken) ?? data.ProductId;
        await messages.PostAsync(db, userId, $"plan_changed:{data.SubscriptionId}:{data.ProductId}:{occurredAt.Ticks}", $"Your plan is now {planName}.",
            "Your plan has changed", $"Your subscription is now on {planName}. Next billing date: {data.NextBillingDate:yyyy-MM-dd}.", cancellationToken);
    }

    /// <summary>
    /// A trial is tracked from Dodo's state alone, so any order of events reads the same: it started when a
    /// subscription has trial_period_days; it converted once the subscription is active and billed past the trial's
    /// end (Dodo moved the billing date: the first charge was paid); it lapsed if the subscription ended first.
    /// </summary>
    private async Task FollowTrialAsync(StorefrontDbContext db, CustomerSubscription row, Subscription data, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (data.TrialPeriodDays > 0)
        {
            if (row.TrialEndsAt is null)
            {
                row.TrialEndsAt = TrialOrders.TrialEnd(data);
                row.TrialPlanDodoProductId = data.ProductId;
            }

            await trialOrders.StartAsync(db, data, now, cancellationToken);
        }

        if (row.TrialEndsAt is not { } trialEnds || row.TrialConvertedAt is not null || row.TrialLapsedAt is not null)
        {
            return;
        }

        // An hour's slack: Dodo may round the trial's end differently from created_at + days.
        if (data.Status == SubscriptionStatus.Active && data.NextBillingDate.UtcDateTime > trialEnds.AddHours(1))
        {
            row.TrialConvertedAt = now;
            var plan = await db.Products.Where(p => p.DodoProductId == data.ProductId).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken) ?? data.ProductId;
            await messages.PostAsync(db, row.UserId, $"trial-converted:{data.SubscriptionId}", $"Your {plan} has started.", $"Your {plan} has started",
                $"Your free trial is over and your {plan} is now paid. Next billing date: {data.NextBillingDate:yyyy-MM-dd}. Dodo Payments sends the invoice.",
                cancellationToken, ("Manage your plan", new Uri(address.Base(), "account/subscription")));
        }
        else if (data.Status is SubscriptionStatus.Cancelled or SubscriptionStatus.Expired or SubscriptionStatus.Failed)
        {
            row.TrialLapsedAt = now;
        }
    }

    /// <summary>
    /// What the renewal cost before credit: the price less the subscription's discount when it is one of the store's
    /// codes (its percentage is known; ADR-0020's rounding), so the credit history matches what Dodo took from the credit.
    /// </summary>
    private static async Task<long> RenewalPriceAsync(StorefrontDbContext db, Storefront.Domain.Money price, string? discountId, CancellationToken cancellationToken) =>
        Storefront.Domain.Offers.OfferDiscount.Apply(price, await Offers.OfferDiscountCodes.PercentOfAsync(db, discountId, cancellationToken)).Minor;

    private static void Copy(Subscription data, CustomerSubscription row, DateTime occurredAt)
    {
        row.DodoProductId = data.ProductId;
        row.Status = data.Status;
        row.RecurringAmountMinor = data.RecurringPreTaxAmount;
        row.PreviousBillingDate = data.PreviousBillingDate.UtcDateTime;
        row.NextBillingDate = data.NextBillingDate.UtcDateTime;
        row.PaymentMethodId = data.PaymentMethodId;
        row.CancelAtNextBillingDate = data.CancelAtNextBillingDate;
        row.ScheduledDodoProductId = data.ScheduledChange?.ProductId;
        row.DodoDiscountId = data.DiscountId;
        row.DiscountCyclesRemaining = data.DiscountCyclesRemaining;
        row.LastEventAt = occurredAt;
    }

    /// <summary>The quote the customer confirmed for this change: applied, and its credit remembered for display.</summary>
    private static async Task ApplyQuoteAsync(StorefrontDbContext db, CustomerSubscription row, DateTime now, CancellationToken cancellationToken)
    {
        var quote = await db.PlanChangeQuotes
            .Where(q => q.DodoSubscriptionId == row.DodoSubscriptionId && q.TargetDodoProductId == row.DodoProductId
                && (q.Status == QuoteStatus.Submitted || q.Status == QuoteStatus.Unknown || q.Status == QuoteStatus.Confirming))
            .OrderByDescending(q => q.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (quote is null)
        {
            return;
        }

        await PlanChangeEnd.ApplyAsync(db, quote, cancellationToken);
        var credit = quote.CustomerCreditsMinor > 0 ? quote.CustomerCreditsMinor : 0;
        var planName = await db.Products.Where(p => p.DodoProductId == quote.TargetDodoProductId).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken);
        await CreditMovementsOf.RecordAsync(db, row, $"quote:{quote.Id}", credit - row.CreditMinor, $"From switching to {planName}", now, cancellationToken);
        row.CreditMinor = credit;
    }

}
