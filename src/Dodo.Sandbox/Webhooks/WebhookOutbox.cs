using System.Text.Json.Nodes;
using Dodo.Sandbox.Api;
using Dodo.Sandbox.Data;

namespace Dodo.Sandbox.Webhooks;

/// <summary>
/// Queues events in the same transaction as the change they describe, so an event is never sent for a change
/// that was rolled back, nor lost for one that was saved. The dispatcher delivers them.
/// </summary>
internal sealed class WebhookOutbox(SandboxClock clock)
{
    private long sequence = DateTime.UtcNow.Ticks;

    public event Action? Enqueued;

    public void Add(SandboxDbContext db, string type, JsonObject data)
    {
        var now = clock.UtcNow;
        db.WebhookDeliveries.Add(new SbWebhookDelivery
        {
            Id = SandboxIds.WebhookMessage(),
            EventType = type,
            Payload = SandboxJson.Envelope(type, now, data).ToJsonString(),
            CreatedAt = now,
            Sequence = Interlocked.Increment(ref sequence),
            NextAttemptAt = DateTime.MinValue,
        });
    }

    /// <summary>Call after SaveChanges so the dispatcher wakes up without waiting for its next poll.</summary>
    public void Notify() => Enqueued?.Invoke();
}
