using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;

namespace Storefront.Web.Features.Notifications;

/// <summary>Posts a notification to the account and queues the same news as an email, once per cause.</summary>
public sealed class CustomerMessages(TimeProvider clock)
{
    public async Task PostAsync(StorefrontDbContext db, string userId, string dedupeKey, string notification, string subject, string body, CancellationToken cancellationToken)
    {
        if (await db.Notifications.AnyAsync(n => n.DedupeKey == dedupeKey, cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.Notifications.Add(new CustomerNotification { UserId = userId, Message = notification, DedupeKey = dedupeKey, CreatedAt = now });
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync(cancellationToken);
        if (email is not null)
        {
            db.EmailOutbox.Add(new EmailOutboxMessage { To = email, Subject = subject, Body = body, DedupeKey = dedupeKey, CreatedAt = now });
        }
    }

    public async Task<IReadOnlyList<CustomerNotification>> RecentAsync(StorefrontDbContext db, string userId, CancellationToken cancellationToken) =>
        await db.Notifications.AsNoTracking().Where(n => n.UserId == userId)
            .OrderByDescending(n => n.CreatedAt).Take(10).ToListAsync(cancellationToken);
}
