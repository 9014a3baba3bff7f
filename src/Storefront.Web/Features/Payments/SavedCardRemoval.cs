using Dodo.Payments.Models;
using Dodo.Payments;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;

namespace Storefront.Web.Features.Payments;

/// <summary>
/// Removes a saved card at Dodo, so one-click offers stop using it; the next payment on Dodo's checkout saves the
/// new one. The card an active plan is billed to is kept: that one is replaced through the plan's card update.
/// </summary>
public sealed class SavedCardRemoval(IDbContextFactory<StorefrontDbContext> dbFactory, DodoClient dodo, DodoCustomerLink customers, SavedCardsCache cache)
{
    public const string Removed = "The card was removed. The next time you pay on Dodo's checkout, that card is saved for one-click purchases.";

    public const string BillsThePlan = "This card pays for your plan. Change your plan's card in My subscription first.";

    /// <summary>Returns what to tell the customer.</summary>
    public async Task<string> RemoveAsync(string userId, string paymentMethodId, CancellationToken cancellationToken)
    {
        var customerId = await customers.FindAsync(userId, cancellationToken);
        if (customerId is null)
        {
            return "There is no saved card to remove.";
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Subscriptions.AnyAsync(s => s.UserId == userId && s.PaymentMethodId == paymentMethodId
                && (s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.OnHold), cancellationToken))
        {
            return BillsThePlan;
        }

        cache.Forget(customerId);
        try
        {
            await dodo.DeletePaymentMethodAsync(customerId, paymentMethodId, cancellationToken);
        }
        catch (DodoApiException refused) when (refused.Status == System.Net.HttpStatusCode.NotFound)
        {
            // Not (or no longer) this customer's card at Dodo: nothing to remove, and nothing of anyone else's touched.
            return "That card is no longer saved.";
        }

        return Removed;
    }
}
