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

    /// <summary>
    /// Entries claimed and finished together: one commit for the claims and one for the results of up to this many
    /// events, instead of two per event (ADR-0016). Each is still handled on its own, and its result is its own.
    /// </summary>
    private const int Batch = 64;

    /// <summary>Processes the next due entries, oldest first; false when none is due.</summary>
    protected override async Task<bool> HandleNextAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The lease is whole milliseconds so that it compares equal after a round trip through any database
        // (PostgreSQL keeps µs).
        var lease = new DateTime((now + Lease).Ticks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        List<WebhookInboxEntry> claimed;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var ours = await ClaimAsync(db, now, lease, cancellationToken);
            if (ours.Count == 0)
            {
                return false;
            }

            claimed = await db.WebhookInbox.AsNoTracking().Where(e => ours.Contains(e.Id))
                .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        }

        var results = new List<(long Id, HandlingResult Result)>(claimed.Count);
        foreach (var entry in claimed)
        {
            results.Add((entry.Id, await HandleAsync(entry, cancellationToken)));
        }

        await FinishAsync(results, lease);
        return true;
    }

    /// <summary>
    /// Claims up to <see cref="Batch"/> due entries, oldest first, in one statement that re-checks the due condition
    /// on each row it changes and returns the ids it changed: of several instances racing for the same rows, each row
    /// goes to exactly one (PostgreSQL re-evaluates the condition after waiting for the row; SQLite has one writer).
    /// Plain SQL because EF cannot return the rows an update changed. Due means: received, failed with its retry
    /// time reached, or processing under a lease that ran out (its processor died).
    /// </summary>
    private static Task<List<long>> ClaimAsync(StorefrontDbContext db, DateTime now, DateTime lease, CancellationToken cancellationToken)
    {
        var (received, failed, processing) = (nameof(WebhookProcessingStatus.Received), nameof(WebhookProcessingStatus.Failed), nameof(WebhookProcessingStatus.Processing));
        return db.Database.SqlQuery<long>($"""
            UPDATE "WebhookInbox"
            SET "Status" = {processing}, "LeaseUntil" = {lease}, "Attempts" = "Attempts" + 1, "NextAttemptAt" = NULL
            WHERE "Id" IN (
                SELECT "Id" FROM "WebhookInbox"
                WHERE "Status" = {received}
                   OR ("Status" = {failed} AND "NextAttemptAt" IS NOT NULL AND "NextAttemptAt" <= {now})
                   OR ("Status" = {processing} AND "LeaseUntil" < {now})
                ORDER BY "OccurredAt", "Id"
                LIMIT {Batch})
              AND ("Status" = {received}
                   OR ("Status" = {failed} AND "NextAttemptAt" IS NOT NULL AND "NextAttemptAt" <= {now})
                   OR ("Status" = {processing} AND "LeaseUntil" < {now}))
            RETURNING "Id" AS "Value"
            """).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Records each result in one transaction, finishing only our own claim (the lease we set): a processor that lost
    /// its lease must not overwrite the next one's. Plain SQL: a LINQ update per row costs far more than the write.
    /// </summary>
    private async Task FinishAsync(List<(long Id, HandlingResult Result)> results, DateTime lease)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var finishedAt = clock.GetUtcNow().UtcDateTime;
        var processing = nameof(WebhookProcessingStatus.Processing);
        foreach (var (id, (status, error, nextAttempt)) in results)
        {
            var finished = status.ToString();
            await db.Database.ExecuteSqlAsync($"""
                UPDATE "WebhookInbox"
                SET "Status" = {finished}, "LeaseUntil" = NULL, "LastError" = {error}, "NextAttemptAt" = {nextAttempt}, "ProcessedAt" = {finishedAt}
                WHERE "Id" = {id} AND "Status" = {processing} AND "LeaseUntil" = {lease}
                """, CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);
    }

    private readonly record struct HandlingResult(WebhookProcessingStatus Status, string? Error, DateTime? NextAttempt);

    private async Task<HandlingResult> HandleAsync(WebhookInboxEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await DispatchAsync(WebhookEvent.Parse(System.Text.Encoding.UTF8.GetBytes(entry.Payload)), cancellationToken);
            return new(outcome == WebhookOutcome.Applied ? WebhookProcessingStatus.Processed : WebhookProcessingStatus.Ignored, null, null);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogHandlerFailed(logger, error, entry.WebhookId, entry.EventType, entry.Attempts);
            var retryAt = entry.Attempts < MaxAutomaticAttempts
                ? clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(Math.Pow(2, entry.Attempts))
                : (DateTime?)null;
            return new(WebhookProcessingStatus.Failed, Truncate(error.GetType().Name + ": " + error.Message, 2000), retryAt);
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
