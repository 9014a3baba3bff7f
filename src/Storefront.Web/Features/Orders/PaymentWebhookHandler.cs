using Dodo.Payments.Webhooks;
using Storefront.Web.Features.Payments;
using Storefront.Web.Features.Webhooks;

namespace Storefront.Web.Features.Orders;

/// <summary>
/// payment.succeeded / failed / processing / cancelled → <see cref="PaymentOutcomes"/>. A payment may have saved a
/// card, so the customer's cards are read from Dodo again next time.
/// </summary>
public sealed class PaymentWebhookHandler(PaymentOutcomes outcomes, SavedCardsCache cards) : IWebhookHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } =
    [
        WebhookEventTypes.PaymentSucceeded, WebhookEventTypes.PaymentFailed,
        WebhookEventTypes.PaymentProcessing, WebhookEventTypes.PaymentCancelled,
    ];

    public Task<WebhookOutcome> HandleAsync(WebhookEvent webhook, CancellationToken cancellationToken)
    {
        var payment = webhook.PaymentData();
        cards.Forget(payment.Customer.CustomerId);
        return outcomes.ApplyAsync(payment, cancellationToken);
    }
}
