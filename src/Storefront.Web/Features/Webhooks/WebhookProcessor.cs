using Dodo.Payments.Webhooks;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;

namespace Storefront.Web.Features.Webhooks;

/// <summary>
/// Applies stored webhooks in the background, in the order Dodo says they happened. Each entry is claimed with a
/// conditional update to Processing with a lease, so with several instances on one database exactly one processes it;
/// a processor that dies holding a lease loses it when the lease runs out. A handler that throws is retried a few
/// times with backoff, then the entry stays Failed for an admin to retry.
/// </summary>
public sealed partial class WebhookProcessor(
    IServiceScopeFactory scopes,
    IDbContextFactory<StorefrontDbContext> dbFactory,
    TimeProvider clock,
    ILogger<WebhookProcessor> logger) : QueueWorker(logger)
{
    public const int MaxAutomaticAttempts = 5;

    /// <summary>Far longer than any handler takes; only a processor that died keeps an entry this long.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Processes one due entry; false when none is due.</summary>
    protected override async Task<bool> HandleNextAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var candidate = await Due(db.WebhookInbox.AsNoTracking(), now)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .Select(e => e.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (candidate == 0)
        {
            return false;
        }

        // Claim: the same condition, now as an update. Of several instances, only one sees a row change. The lease is
        // whole milliseconds so that it compares equal after a round trip through any database (PostgreSQL keeps µs).
        var lease = new DateTime((now + Lease).Ticks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        var claimed = await Due(db.WebhookInbox.Where(e => e.Id == candidate), now)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.Status, WebhookProcessingStatus.Processing).SetProperty(e => e.LeaseUntil, lease)
                .SetProperty(e => e.Attempts, e => e.Attempts + 1).SetProperty(e => e.NextAttemptAt, (DateTime?)null), cancellationToken);
        if (claimed == 0)
        {
            return true;
        }

        var entry = await db.WebhookInbox.AsNoTracking().SingleAsync(e => e.Id == candidate, cancellationToken);
        var (status, error, nextAttempt) = await HandleAsync(entry, cancellationToken);

        // Finish only our own claim (the lease we set): a processor that lost its lease must not overwrite the next one.
        await db.WebhookInbox.Where(e => e.Id == candidate && e.Status == WebhookProcessingStatus.Processing && e.LeaseUntil == lease)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.Status, status).SetProperty(e => e.LeaseUntil, (DateTime?)null)
                .SetProperty(e => e.LastError, error).SetProperty(e => e.NextAttemptAt, nextAttempt)
                .SetProperty(e => e.ProcessedAt, clock.GetUtcNow().UtcDateTime), CancellationToken.None);
        return true;
    }

    private static IQueryable<WebhookInboxEntry> Due(IQueryable<WebhookInboxEntry> entries, DateTime now) => entries.Where(e =>
        e.Status == WebhookProcessingStatus.Received
        || (e.Status == WebhookProcessingStatus.Failed && e.NextAttemptAt != null && e.NextAttemptAt <= now)
        || (e.Status == WebhookProcessingStatus.Processing && e.LeaseUntil < now));

    private async Task<(WebhookProcessingStatus Status, string? Error, DateTime? NextAttempt)> HandleAsync(WebhookInboxEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await DispatchAsync(WebhookEvent.Parse(System.Text.Encoding.UTF8.GetBytes(entry.Payload)), cancellationToken);
            return (outcome == WebhookOutcome.Applied ? WebhookProcessingStatus.Processed : WebhookProcessingStatus.Ignored, null, null);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogHandlerFailed(logger, error, entry.WebhookId, entry.EventType, entry.Attempts);
            var retryAt = entry.Attempts < MaxAutomaticAttempts
                ? clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(Math.Pow(2, entry.Attempts))
                : (DateTime?)null;
            return (WebhookProcessingStatus.Failed, Truncate(error.GetType().Name + ": " + error.Message, 2000), retryAt);
        }
    }

    /// <summary>An admin's retry of a failed entry: due now, whatever its attempt count.</summary>
    public async Task<bool> RetryAsync(long entryId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var updated = await db.WebhookInbox
            .Where(e => e.Id == entryId && e.Status == WebhookProcessingStatus.Failed)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.NextAttemptAt, clock.GetUtcNow().UtcDateTime), cancellationToken);
        Wake();
        return updated == 1;
    }

    private async Task<WebhookOutcome> DispatchAsync(WebhookEvent webhook, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetServices<IWebhookHandler>().FirstOrDefault(h => h.EventTypes.Contains(webhook.Type));
        return handler is null ? WebhookOutcome.NoMatch : await handler.HandleAsync(webhook, cancellationToken);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];


    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling webhook {WebhookId} ({Type}) failed on attempt {Attempt}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception error, string webhookId, string type, int attempt);
}
