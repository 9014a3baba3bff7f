using Dodo.Payments.Webhooks;
using Storefront.Web.Features.Payments;
using Storefront.Web.Features.Webhooks;

namespace Storefront.Web.Features.Subscriptions;

/// <summary>subscription.* → <see cref="SubscriptionOutcomes"/>. The plan's card may have changed: cards are read again.</summary>
public sealed class SubscriptionWebhookHandler(SubscriptionOutcomes outcomes, SavedCardsCache cards) : IWebhookHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } =
    [
        WebhookEventTypes.SubscriptionActive, WebhookEventTypes.SubscriptionRenewed, WebhookEventTypes.SubscriptionOnHold,
        WebhookEventTypes.SubscriptionCancelled, WebhookEventTypes.SubscriptionFailed, WebhookEventTypes.SubscriptionExpired,
        WebhookEventTypes.SubscriptionPlanChanged, WebhookEventTypes.SubscriptionUpdated,
    ];

    public Task<WebhookOutcome> HandleAsync(WebhookEvent webhook, CancellationToken cancellationToken)
    {
        var subscription = webhook.SubscriptionData();
        cards.Forget(subscription.Customer.CustomerId);
        return outcomes.ApplyAsync(webhook.Type, subscription, webhook.Timestamp.UtcDateTime, cancellationToken);
    }
}
