using Dodo.Payments;
using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;

namespace Storefront.Web.Features.Subscriptions;

/// <summary>Sends the customer to Dodo's page to save a new card for their subscription (and pay what is owed if on hold).</summary>
public sealed class PaymentMethodUpdate(IDbContextFactory<StorefrontDbContext> dbFactory, DodoClient dodo, StoreAddress address)
{
    public async Task<Uri?> StartAsync(string userId, Uri requestBase, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscription = await db.Subscriptions.AsNoTracking()
            .Where(s => s.UserId == userId && (s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.OnHold))
            .OrderByDescending(s => s.LastEventAt).FirstOrDefaultAsync(cancellationToken);
        if (subscription is null)
        {
            return null;
        }

        var response = await dodo.UpdatePaymentMethodAsync(subscription.DodoSubscriptionId,
            UpdatePaymentMethodRequest.New(new Uri(address.BaseFor(requestBase), "account/subscription").ToString()), cancellationToken);
        return response.PaymentLink is null ? null : new Uri(response.PaymentLink);
    }
}
