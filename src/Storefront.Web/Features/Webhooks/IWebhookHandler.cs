using Dodo.Payments.Webhooks;

namespace Storefront.Web.Features.Webhooks;

public enum WebhookOutcome
{
    /// <summary>The event changed (or confirmed) store state.</summary>
    Applied = 0,

    /// <summary>Nothing in the store matches it (another app's customer, say); kept and acknowledged.</summary>
    NoMatch = 1,
}

/// <summary>
/// Applies one kind of Dodo event to the store. Must be idempotent and order-independent: the same event may come
/// twice, and events may arrive in any order, so a late event never moves state backwards.
/// </summary>
public interface IWebhookHandler
{
    IReadOnlyCollection<string> EventTypes { get; }

    Task<WebhookOutcome> HandleAsync(WebhookEvent webhook, CancellationToken cancellationToken);
}
