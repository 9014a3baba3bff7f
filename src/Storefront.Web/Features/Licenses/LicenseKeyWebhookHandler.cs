using Dodo.Payments.Webhooks;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;
using Storefront.Web.Features.Webhooks;

namespace Storefront.Web.Features.Licenses;

/// <summary>license_key.created: keeps the key once (by Dodo's id), whatever order it arrives in.</summary>
public sealed class LicenseKeyWebhookHandler(IDbContextFactory<StorefrontDbContext> dbFactory, Storefront.Web.Features.Live.CustomerChanges changes) : IWebhookHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } = [WebhookEventTypes.LicenseKeyCreated];

    public async Task<WebhookOutcome> HandleAsync(WebhookEvent webhook, CancellationToken cancellationToken)
    {
        var key = webhook.LicenseKeyData();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.LicenseKeys.AnyAsync(k => k.Id == key.Id, cancellationToken))
        {
            db.LicenseKeys.Add(new LicenseKeyRecord
            {
                Id = key.Id, Key = key.Key, Status = key.Status, DodoCustomerId = key.CustomerId, DodoProductId = key.ProductId, PaymentId = key.PaymentId,
                ActivationsLimit = key.ActivationsLimit, CreatedAt = key.CreatedAt.UtcDateTime,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another instance stored the same key at the same moment (the primary key kept one); anything else fails the event, to be retried.
                db.ChangeTracker.Clear();
                if (!await db.LicenseKeys.AsNoTracking().AnyAsync(k => k.Id == key.Id, cancellationToken))
                {
                    throw;
                }
            }
        }

        var userId = await db.Users.Where(u => u.DodoCustomerId == key.CustomerId).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        if (userId is null)
        {
            return WebhookOutcome.NoMatch; // kept all the same: the account may be linked to this Dodo customer later
        }

        await changes.NotifyAsync(userId);
        return WebhookOutcome.Applied;
    }
}
