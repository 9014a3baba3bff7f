using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;

namespace Storefront.Web.Features.Webhooks;

/// <summary>
/// Stores verified webhooks by group commit (ADR-0016). Each intake request queues its event and waits; one writer
/// takes everything queued, inserts it in one transaction, commits once, and then answers every waiting request.
/// So each event is durable before its 2xx, and the database sees one writer and one commit per batch instead of a
/// connection and a commit per request racing for SQLite's single write lock. A redelivery (the same webhook-id,
/// even within one batch, or from another instance) is not stored again; it only counts as another delivery.
/// </summary>
public sealed partial class WebhookInboxWriter(IDbContextFactory<StorefrontDbContext> dbFactory, ILogger<WebhookInboxWriter> logger) : IAsyncDisposable
{
    /// <summary>Enough to absorb a burst in one commit; small enough that one transaction stays short.</summary>
    private const int MaxBatch = 256;

    private readonly Channel<PendingWrite> queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock startLock = new();
    private Task? writer;

    /// <summary>Stores the event once it is committed: true when new, false for a redelivery of a stored one.</summary>
    public async Task<bool> StoreAsync(WebhookInboxEntry entry, CancellationToken cancellationToken)
    {
        EnsureStarted();
        var pending = new PendingWrite(entry, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        await queue.Writer.WriteAsync(pending, cancellationToken);
        return await pending.Stored.Task.WaitAsync(cancellationToken);
    }

    // Started by the first delivery rather than as a hosted service: intake must work in every host that maps it.
    private void EnsureStarted()
    {
        if (writer is not null)
        {
            return;
        }

        lock (startLock)
        {
            writer ??= Task.Run(WriteBatchesAsync);
        }
    }

    private async Task WriteBatchesAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                var stored = await InsertAsync(batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Stored.TrySetResult(stored[i]);
                }
            }
            catch (Exception error)
            {
                // Nothing of the batch is committed: every request answers 5xx and Dodo delivers again.
                LogBatchFailed(logger, error, batch.Count);
                batch.ForEach(pending => pending.Stored.TrySetException(error));
            }

            batch.Clear();
        }
    }

    private async Task<bool[]> InsertAsync(List<PendingWrite> batch)
    {
        var stored = new bool[batch.Count];
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        for (var i = 0; i < batch.Count; i++)
        {
            var e = batch[i].Entry;
            var status = nameof(WebhookProcessingStatus.Received);
            // Plain SQL both providers understand: EF has no insert-or-ignore, and a unique-key failure would
            // otherwise abort the whole batch's transaction.
            stored[i] = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "WebhookInbox" ("WebhookId", "EventType", "OccurredAt", "ReceivedAt", "Payload", "Status", "Attempts", "Deliveries")
                VALUES ({e.WebhookId}, {e.EventType}, {e.OccurredAt}, {e.ReceivedAt}, {e.Payload}, {status}, 0, 1)
                ON CONFLICT ("WebhookId") DO NOTHING
                """) == 1;
            if (!stored[i])
            {
                await db.Database.ExecuteSqlAsync($"""UPDATE "WebhookInbox" SET "Deliveries" = "Deliveries" + 1 WHERE "WebhookId" = {e.WebhookId}""");
            }
        }

        await transaction.CommitAsync();
        return stored;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        if (writer is not null)
        {
            await writer;
        }
    }

    private sealed record PendingWrite(WebhookInboxEntry Entry, TaskCompletionSource<bool> Stored);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing {Count} webhooks failed; their deliveries were answered with an error and Dodo will retry them")]
    private static partial void LogBatchFailed(ILogger logger, Exception error, int count);
}
