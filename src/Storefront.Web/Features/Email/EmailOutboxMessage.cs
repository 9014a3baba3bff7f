namespace Storefront.Web.Features.Email;

/// <summary>
/// An email the store owes someone. Written in the same transaction as the change it tells about (a paid order, a
/// reset request), then sent by <see cref="EmailOutboxWorker"/>: claimed by one sender at a time, retried with
/// backoff, and marked sent once the SMTP server has taken it.
/// </summary>
public sealed class EmailOutboxMessage
{
    public long Id { get; init; }

    public required string To { get; init; }

    public required string Subject { get; init; }

    /// <summary>The plain-text body; every email has one.</summary>
    public required string Body { get; init; }

    /// <summary>The same content as HTML, shown by mail programs that prefer it.</summary>
    public string? HtmlBody { get; init; }

    /// <summary>What caused it (an order, a webhook, a request), unique so one cause never queues two emails.</summary>
    public required string DedupeKey { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? SentAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>When a failed send is tried again.</summary>
    public DateTime? NextAttemptAt { get; set; }

    /// <summary>A sender holds the message until then; past it (the sender crashed) another may take it.</summary>
    public DateTime? ClaimedUntil { get; set; }

    public string? LastError { get; set; }

    /// <summary>Every attempt failed; left for the record.</summary>
    public bool GaveUp { get; set; }
}
