using Dodo.Payments.Webhooks;
using Storefront.Web.Features.Webhooks;

namespace Storefront.Web.Features.Subscriptions;

public sealed class SubscriptionWebhookHandler(SubscriptionOutcomes outcomes) : IWebhookHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } =
    [
        WebhookEventTypes.SubscriptionActive, WebhookEventTypes.SubscriptionRenewed, WebhookEventTypes.SubscriptionOnHold,
        WebhookEventTypes.SubscriptionCancelled, WebhookEventTypes.SubscriptionFailed, WebhookEventTypes.SubscriptionExpired,
        WebhookEventTypes.SubscriptionPlanChanged, WebhookEventTypes.SubscriptionUpdated,
    ];

    public Task<WebhookOutcome> HandleAsync(WebhookEvent webhook, CancellationToken cancellationToken) =>
        outcomes.ApplyAsync(webhook.Type, webhook.SubscriptionData(), webhook.Timestamp.UtcDateTime, cancellationToken);
}
