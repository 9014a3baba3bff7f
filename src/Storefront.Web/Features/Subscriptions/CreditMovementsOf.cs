using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;

namespace Storefront.Web.Features.Subscriptions;

/// <summary>Records a credit movement once per cause (a movement of zero is not one), with the subscription's change, in the same save.</summary>
internal static class CreditMovementsOf
{
    public static async Task RecordAsync(StorefrontDbContext db, CustomerSubscription subscription, string cause, long amountMinor, string description,
        DateTime at, CancellationToken cancellationToken)
    {
        if (amountMinor == 0 || await db.CreditMovements.AnyAsync(m => m.DodoSubscriptionId == subscription.DodoSubscriptionId && m.Cause == cause, cancellationToken))
        {
            return;
        }

        db.CreditMovements.Add(new CreditMovement
        {
            DodoSubscriptionId = subscription.DodoSubscriptionId, Cause = cause, AmountMinor = amountMinor, Currency = subscription.Currency,
            Description = description, At = at,
        });
    }
}
