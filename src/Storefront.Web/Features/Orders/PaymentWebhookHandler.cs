using Dodo.Payments.Webhooks;
using Storefront.Web.Features.Webhooks;

namespace Storefront.Web.Features.Orders;

/// <summary>payment.succeeded / failed / processing / cancelled → <see cref="PaymentOutcomes"/>.</summary>
public sealed class PaymentWebhookHandler(PaymentOutcomes outcomes) : IWebhookHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } =
    [
        WebhookEventTypes.PaymentSucceeded, WebhookEventTypes.PaymentFailed,
        WebhookEventTypes.PaymentProcessing, WebhookEventTypes.PaymentCancelled,
    ];

    public Task<WebhookOutcome> HandleAsync(WebhookEvent webhook, CancellationToken cancellationToken) =>
        outcomes.ApplyAsync(webhook.PaymentData(), cancellationToken);
}
