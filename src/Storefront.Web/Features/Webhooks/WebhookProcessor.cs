using Dodo.Payments.Webhooks;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;

namespace Storefront.Web.Features.Webhooks;

/// <summary>
/// Applies stored webhooks in the background, in the order Dodo says they happened. Each entry is claimed with an
/// atomic update so two instances never process the same one at once. A handler that throws is retried a few times
/// with backoff, then the entry stays Failed for an admin to retry.
/// </summary>
public sealed partial class WebhookProcessor(
    IServiceScopeFactory scopes,
    IDbContextFactory<StorefrontDbContext> dbFactory,
    TimeProvider clock,
    ILogger<WebhookProcessor> logger) : BackgroundService
{
    public const int MaxAutomaticAttempts = 5;

    private readonly SemaphoreSlim wake = new(0);

    public void Wake() => wake.Release();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await ProcessNextAsync(stoppingToken))
                {
                }

                await wake.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                LogLoopFailed(logger, error);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    /// <summary>Processes one due entry; false when none is due. Public for tests and the admin "retry".</summary>
    public async Task<bool> ProcessNextAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var candidate = await db.WebhookInbox.AsNoTracking()
            .Where(e => e.Status == WebhookProcessingStatus.Received
                || (e.Status == WebhookProcessingStatus.Failed && e.NextAttemptAt != null && e.NextAttemptAt <= now))
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.Attempts })
            .FirstOrDefaultAsync(cancellationToken);
        if (candidate is null)
        {
            return false;
        }

        // Claim: only the instance whose update sees the same attempt count processes it.
        var claimed = await db.WebhookInbox
            .Where(e => e.Id == candidate.Id && e.Attempts == candidate.Attempts)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.Attempts, candidate.Attempts + 1).SetProperty(e => e.NextAttemptAt, (DateTime?)null), cancellationToken);
        if (claimed == 0)
        {
            return true;
        }

        var entry = await db.WebhookInbox.SingleAsync(e => e.Id == candidate.Id, cancellationToken);
        try
        {
            var outcome = await DispatchAsync(WebhookEvent.Parse(System.Text.Encoding.UTF8.GetBytes(entry.Payload)), cancellationToken);
            entry.Status = outcome == WebhookOutcome.Applied ? WebhookProcessingStatus.Processed : WebhookProcessingStatus.Ignored;
            entry.LastError = null;
            entry.ProcessedAt = clock.GetUtcNow().UtcDateTime;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            entry.Status = WebhookProcessingStatus.Failed;
            entry.LastError = Truncate(error.GetType().Name + ": " + error.Message, 2000);
            entry.NextAttemptAt = entry.Attempts < MaxAutomaticAttempts
                ? clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(Math.Pow(2, entry.Attempts))
                : null;
            LogHandlerFailed(logger, error, entry.WebhookId, entry.EventType, entry.Attempts);
        }

        await db.SaveChangesAsync(CancellationToken.None);
        return true;
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook processing loop failed")]
    private static partial void LogLoopFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling webhook {WebhookId} ({Type}) failed on attempt {Attempt}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception error, string webhookId, string type, int attempt);
}
