using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;
using Storefront.Web.Features.Email;

namespace Storefront.Web.Features.Notifications;

/// <summary>Posts a notification to the account and queues the same news as an email, once per cause.</summary>
public sealed class CustomerMessages(EmailQueue emails, TimeProvider clock)
{
    public async Task PostAsync(StorefrontDbContext db, string userId, string dedupeKey, string notification, string subject, string body, CancellationToken cancellationToken,
        (string Text, Uri Url)? action = null)
    {
        if (await db.Notifications.AnyAsync(n => n.DedupeKey == dedupeKey, cancellationToken))
        {
            return;
        }

        db.Notifications.Add(new CustomerNotification { UserId = userId, Message = notification, DedupeKey = dedupeKey, CreatedAt = clock.GetUtcNow().UtcDateTime });
        await EmailAsync(db, userId, dedupeKey, subject, [body], action, cancellationToken);
    }

    /// <summary>Queues an email to the account's address (no notification), once per cause.</summary>
    public async Task EmailAsync(StorefrontDbContext db, string userId, string dedupeKey, string subject, IReadOnlyList<string> paragraphs,
        (string Text, Uri Url)? action, CancellationToken cancellationToken)
    {
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync(cancellationToken);
        if (email is not null)
        {
            await emails.AddAsync(db, new OutgoingEmail(email, subject, paragraphs, action), dedupeKey, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<CustomerNotification>> RecentAsync(StorefrontDbContext db, string userId, CancellationToken cancellationToken) =>
        await db.Notifications.AsNoTracking().Where(n => n.UserId == userId)
            .OrderByDescending(n => n.CreatedAt).Take(10).ToListAsync(cancellationToken);
}
