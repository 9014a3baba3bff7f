using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Web.Data;

namespace Storefront.Web.Features.Email;

/// <summary>Puts emails in the outbox. The worker sends them; the same cause (dedupe key) never queues a second one.</summary>
public sealed class EmailQueue(IDbContextFactory<StorefrontDbContext> dbFactory, IOptions<StoreOptions> store, EmailOutboxWorker worker, TimeProvider clock)
{
    /// <summary>Adds the email to <paramref name="db"/>; it is queued when the caller saves (one transaction with its cause).</summary>
    public async Task AddAsync(StorefrontDbContext db, OutgoingEmail email, string dedupeKey, CancellationToken cancellationToken)
    {
        if (db.EmailOutbox.Local.Any(e => e.DedupeKey == dedupeKey) || await db.EmailOutbox.AnyAsync(e => e.DedupeKey == dedupeKey, cancellationToken))
        {
            return;
        }

        var (name, support) = (store.Value.Name, store.Value.SupportEmail);
        db.EmailOutbox.Add(new EmailOutboxMessage
        {
            To = email.To, Subject = email.Subject, Body = email.Text(name, support), HtmlBody = email.Html(name, support),
            DedupeKey = dedupeKey, CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
    }

    /// <summary>Queues one email on its own and wakes the sender.</summary>
    public async Task SendAsync(OutgoingEmail email, string dedupeKey, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await AddAsync(db, email, dedupeKey, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Either the same cause raced us here (then its email is queued) or the database failed (rethrow).
            db.ChangeTracker.Clear();
            if (!await db.EmailOutbox.AnyAsync(e => e.DedupeKey == dedupeKey, cancellationToken))
            {
                throw;
            }
        }

        worker.Wake();
    }
}
