namespace Storefront.Web.Features.Webhooks;

public enum WebhookProcessingStatus
{
    /// <summary>Verified and stored; not processed yet.</summary>
    Received = 0,

    /// <summary>A handler applied it.</summary>
    Processed = 1,

    /// <summary>Valid, but nothing in the store handles this type or matches it; kept for the record.</summary>
    Ignored = 2,

    /// <summary>A handler threw; retried automatically a few times, then left for an admin to retry.</summary>
    Failed = 3,

    /// <summary>One processor (of possibly several instances) holds it until <see cref="WebhookInboxEntry.LeaseUntil"/>.</summary>
    Processing = 4,
}

/// <summary>
/// One verified webhook from Dodo, stored before we answer 2xx. <see cref="WebhookId"/> is unique: a redelivery of
/// the same event is acknowledged and not stored twice.
/// </summary>
public sealed class WebhookInboxEntry
{
    public long Id { get; init; }

    /// <summary>The <c>webhook-id</c> header, stable across Dodo's retries.</summary>
    public required string WebhookId { get; init; }

    public required string EventType { get; init; }

    /// <summary>When the event happened at Dodo (the envelope's <c>timestamp</c>).</summary>
    public DateTime OccurredAt { get; init; }

    public DateTime ReceivedAt { get; init; }

    /// <summary>The raw body exactly as signed.</summary>
    public required string Payload { get; init; }

    public WebhookProcessingStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTime? ProcessedAt { get; set; }

    public DateTime? NextAttemptAt { get; set; }

    /// <summary>While Processing: the claim's expiry. A processor that died holding it loses it then.</summary>
    public DateTime? LeaseUntil { get; set; }

    public string? LastError { get; set; }

    /// <summary>How many times Dodo delivered it (1 + duplicates acknowledged).</summary>
    public int Deliveries { get; set; } = 1;
}
