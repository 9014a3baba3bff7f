namespace Storefront.Web.Features.Notifications;

/// <summary>A message in the customer's account ("Your plan is now Pro").</summary>
public sealed class CustomerNotification
{
    public long Id { get; init; }

    public required string UserId { get; init; }

    public required string Message { get; init; }

    /// <summary>What caused it (e.g. a webhook id), unique so a repeated event does not notify twice.</summary>
    public required string DedupeKey { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? ReadAt { get; set; }
}
