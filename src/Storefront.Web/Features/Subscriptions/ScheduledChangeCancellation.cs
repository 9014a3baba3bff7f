using Dodo.Payments;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;
using Storefront.Web.Features.Orders;
using Storefront.Web.Features.Live;

namespace Storefront.Web.Features.Subscriptions;

/// <summary>
/// "Keep my current plan": cancels a plan change scheduled for the next billing date through Dodo
/// (<c>DELETE /subscriptions/{id}/change-plan/scheduled</c>). Nothing is charged either way; the local copy is
/// cleared at once and subscription.updated confirms it.
/// </summary>
public sealed partial class ScheduledChangeCancellation(
    IDbContextFactory<StorefrontDbContext> dbFactory, DodoClient dodo, CustomerChanges notifier, ILogger<ScheduledChangeCancellation> logger)
{
    public const string Cancelled = "Your scheduled plan change was cancelled. You keep your current plan.";

    /// <summary>Returns what to tell the customer.</summary>
    public async Task<string> CancelAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.UserId == userId && s.ScheduledDodoProductId != null, cancellationToken);
        if (subscription is null)
        {
            return "There is no scheduled plan change to cancel.";
        }

        try
        {
            await dodo.CancelScheduledChangeAsync(subscription.DodoSubscriptionId, cancellationToken);
        }
        catch (DodoApiException refused) when (refused.Status == System.Net.HttpStatusCode.NotFound)
        {
            // Dodo has no scheduled change any more (it was applied or cancelled elsewhere): our copy was stale.
            LogAlreadyGone(logger, subscription.DodoSubscriptionId);
        }

        subscription.ScheduledDodoProductId = null;
        await db.SaveChangesAsync(cancellationToken);
        await notifier.NotifyAsync(userId);
        return Cancelled;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {SubscriptionId}: no scheduled change at Dodo to cancel")]
    private static partial void LogAlreadyGone(ILogger logger, string subscriptionId);
}
