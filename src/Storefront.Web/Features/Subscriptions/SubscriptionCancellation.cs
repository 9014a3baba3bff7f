using Dodo.Payments;
using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Storefront.Domain.Plans;
using Storefront.Web.Data;
using Storefront.Web.Features.Live;

namespace Storefront.Web.Features.Subscriptions;

/// <summary>
/// Cancel at the end of the period, and undo it before then: <c>PATCH /subscriptions/{id}</c> with
/// <c>cancel_at_next_billing_date</c>. Moves no money. The local copy follows Dodo's answer at once and
/// subscription.updated confirms it; when the answer is lost, the customer is told it is being confirmed, not that
/// nothing changed. The reason is the store's own record (Dodo's feedback values are not documented).
/// </summary>
public sealed partial class SubscriptionCancellation(
    IDbContextFactory<StorefrontDbContext> dbFactory, DodoClient dodo, CustomerChanges notifier, TimeProvider clock, ILogger<SubscriptionCancellation> logger)
{
    public const string Unconfirmed = "We couldn't confirm that with Dodo yet. This page shows where your plan stands as soon as Dodo tells us.";

    /// <summary>Returns what to tell the customer.</summary>
    public async Task<string> CancelAtPeriodEndAsync(string userId, string? reason, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.UserId == userId && s.Status == SubscriptionStatus.Active, cancellationToken);
        if (subscription is null)
        {
            return "There is no active plan to cancel.";
        }

        if (!subscription.CancelAtNextBillingDate && await SetAsync(db, subscription, cancel: true, cancellationToken) is { } problem)
        {
            return problem;
        }

        var key = CancellationReasons.Normalize(reason);
        var offered = await RetentionOffers.ConfiguredAsync(db, key, cancellationToken);
        db.CancellationRequests.Add(new CancellationRequest
        {
            UserId = userId, DodoSubscriptionId = subscription.DodoSubscriptionId, Reason = key, RequestedAt = clock.GetUtcNow().UtcDateTime,
            Outcome = CancellationOutcome.Cancelled, OfferedPlanProductId = offered?.PlanProductId,
            OfferedDiscountPercent = offered?.DiscountPercent, OfferedDiscountCycles = offered?.DiscountCycles,
        });
        await db.SaveChangesAsync(cancellationToken);
        await notifier.NotifyAsync(userId);
        return $"Your plan ends on {Date(subscription.NextBillingDate)}. You keep everything until then, and nothing more is charged.";
    }

    /// <summary>"Keep my plan": the cancellation is withdrawn before the date.</summary>
    public async Task<string> KeepAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.UserId == userId && s.Status == SubscriptionStatus.Active && s.CancelAtNextBillingDate, cancellationToken);
        if (subscription is null)
        {
            return "Your plan is not set to end.";
        }

        if (await SetAsync(db, subscription, cancel: false, cancellationToken) is { } problem)
        {
            return problem;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        // Kept after all: a save too, worth what the plan bills each period.
        await db.CancellationRequests.Where(r => r.DodoSubscriptionId == subscription.DodoSubscriptionId && r.Outcome == CancellationOutcome.Cancelled && r.UndoneAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.UndoneAt, now)
                .SetProperty(r => r.KeptRecurringMinor, subscription.RecurringAmountMinor).SetProperty(r => r.Currency, subscription.Currency), cancellationToken);
        await notifier.NotifyAsync(userId);
        return $"Your plan continues. Your next bill is on {Date(subscription.NextBillingDate)}.";
    }

    private async Task<string?> SetAsync(StorefrontDbContext db, CustomerSubscription subscription, bool cancel, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await dodo.UpdateSubscriptionAsync(subscription.DodoSubscriptionId, new SubscriptionUpdateRequest { CancelAtNextBillingDate = cancel }, cancellationToken);
            subscription.CancelAtNextBillingDate = answer.CancelAtNextBillingDate;
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DodoApiException refused)
        {
            LogRefused(logger, subscription.DodoSubscriptionId, refused.DodoMessage);
            return $"Dodo didn't accept that: {refused.DodoMessage} Nothing changed.";
        }
        catch (Exception lost) when (lost is DodoUnknownOutcomeException or HttpRequestException)
        {
            LogUnconfirmed(logger, lost, subscription.DodoSubscriptionId);
            return Unconfirmed;
        }
    }

    private static string Date(DateTime date) => date.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {SubscriptionId}: Dodo refused the cancellation change: {Message}")]
    private static partial void LogRefused(ILogger logger, string subscriptionId, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {SubscriptionId}: the cancellation change has no answer from Dodo; subscription.updated settles it")]
    private static partial void LogUnconfirmed(ILogger logger, Exception exception, string subscriptionId);
}
