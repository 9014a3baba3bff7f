using System.Globalization;
using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Storefront.Domain;
using Storefront.Web.Data;
using Storefront.Web.Features.Notifications;

namespace Storefront.Web.Features.Subscriptions;

/// <summary>
/// "Your free trial ends on …": sent once per trial, a few days before Dodo's first charge, to a subscriber who has
/// not cancelled. Dodo sends no such event, so the store reads its own copy of the subscriptions.
/// </summary>
public sealed class TrialReminders(IDbContextFactory<StorefrontDbContext> dbFactory, CustomerMessages messages, StoreAddress address)
{
    /// <summary>How long before the first charge the reminder goes out.</summary>
    public static readonly TimeSpan Lead = TimeSpan.FromDays(3);

    /// <returns>How many reminders were queued.</returns>
    public async Task<int> SendDueAsync(DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.Subscriptions.Where(s => s.TrialEndsAt != null && s.TrialConvertedAt == null && s.TrialLapsedAt == null
                && s.Status == SubscriptionStatus.Active && !s.CancelAtNextBillingDate && s.TrialEndsAt > now && s.TrialEndsAt <= now + Lead)
            .ToListAsync(cancellationToken);
        var names = await db.Products.AsNoTracking().ToDictionaryAsync(p => p.DodoProductId, p => p.Name, cancellationToken);
        foreach (var subscription in due)
        {
            var plan = names.GetValueOrDefault(subscription.DodoProductId, subscription.DodoProductId);
            var ends = subscription.TrialEndsAt!.Value.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
            var amount = new Money(subscription.RecurringAmountMinor, subscription.Currency).Format();
            await messages.PostAsync(db, subscription.UserId, $"trial-ending:{subscription.DodoSubscriptionId}",
                $"Your free trial ends on {ends}.", $"Your free trial of {plan} ends on {ends}",
                $"On {ends} Dodo Payments (our merchant of record) charges {amount} to your card for {plan}, then every period after that. Nothing to do if you want to keep it. Don't want it? Cancel from My subscription before {ends} and you pay nothing.",
                cancellationToken, ("Manage your plan", new Uri(address.Base(), "account/subscription")));
        }

        await db.SaveChangesAsync(cancellationToken);
        return due.Count;
    }
}
