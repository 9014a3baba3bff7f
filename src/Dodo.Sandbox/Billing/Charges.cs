using System.Text.Json.Nodes;
using Dodo.Payments.Webhooks;
using Dodo.Sandbox.Api;
using Dodo.Sandbox.Checkout;
using Dodo.Sandbox.Data;
using Dodo.Sandbox.Webhooks;

namespace Dodo.Sandbox.Billing;

/// <summary>What a charge is for and how it is made.</summary>
internal sealed record ChargeRequest(
    SbCustomer Customer,
    SbPaymentMethod Method,
    long Amount,
    string Currency,
    bool OffSession,
    string MetadataJson,
    string BillingJson,
    string? ProductCartJson = null,
    string? SubscriptionId = null,
    string? CheckoutSessionId = null);

/// <summary>
/// Makes a card payment and queues its webhooks in the caller's transaction. Off-session charges (one-click,
/// renewals, plan changes) announce payment.processing first, as Dodo's asynchronous charges do.
/// </summary>
internal sealed class Charges(SandboxClock clock, WebhookOutbox outbox)
{
    public SbPayment Charge(SandboxDbContext db, ChargeRequest request)
    {
        var now = clock.UtcNow;
        var decline = TestCards.Decline(request.Method.Behaviour, request.OffSession);
        var payment = new SbPayment
        {
            Id = SandboxIds.Payment(),
            CustomerId = request.Customer.Id,
            SubscriptionId = request.SubscriptionId,
            CheckoutSessionId = request.CheckoutSessionId,
            Status = decline is null ? "succeeded" : "failed",
            TotalAmount = request.Amount,
            Currency = request.Currency,
            ProductCartJson = request.ProductCartJson,
            MetadataJson = request.MetadataJson,
            BillingJson = request.BillingJson,
            PaymentMethodId = request.Method.Id,
            CardLast4 = request.Method.Last4,
            CardNetwork = request.Method.Network,
            CardType = request.Method.CardType,
            CardCountry = request.Method.IssuingCountry,
            CardHolderName = request.Method.HolderName,
            ErrorCode = decline?.Code,
            ErrorMessage = decline?.Message,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Payments.Add(payment);
        request.Method.LastUsedAt = now;

        if (request.OffSession)
        {
            var processing = SandboxJson.Payment(payment, request.Customer);
            processing["status"] = "processing";
            processing["error_code"] = null;
            processing["error_message"] = null;
            outbox.Add(db, WebhookEventTypes.PaymentProcessing, processing);
        }

        outbox.Add(db, decline is null ? WebhookEventTypes.PaymentSucceeded : WebhookEventTypes.PaymentFailed,
            SandboxJson.Payment(payment, request.Customer));
        return payment;
    }

    public static string BillingFrom(JsonObject? billing) => billing?.ToJsonString() ?? "{\"country\":\"US\"}";
}
