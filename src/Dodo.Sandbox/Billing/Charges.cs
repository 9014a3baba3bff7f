using System.Text.Json.Nodes;
using Dodo.Payments.Webhooks;
using Dodo.Sandbox.Api;
using Dodo.Sandbox.Checkout;
using Dodo.Sandbox.Data;
using Dodo.Sandbox.Webhooks;
using Microsoft.Extensions.Options;

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
    string? CheckoutSessionId = null,
    bool AuthenticationFailed = false,
    string? DiscountId = null)
{
    /// <summary>
    /// A customer-initiated charge of a saved card for one-time products (one-click): it is processed
    /// asynchronously, and a card that needs 3-D Secure asks the customer first. Subscription charges are
    /// merchant-initiated on a mandate the customer authenticated at checkout, and are decided at once.
    /// </summary>
    public bool IsOneClick => OffSession && ProductCartJson is not null && SubscriptionId is null;
}

/// <summary>
/// Makes card payments and queues their webhooks in the caller's transaction. A one-click charge answers
/// <c>processing</c> (payment.processing) and is decided later by <see cref="SettlementWorker"/>, or waits in
/// <c>requires_customer_action</c> for the bank's challenge (<see cref="Checkout.Authentication"/>). Other
/// off-session charges announce payment.processing and are decided in the same transaction.
/// </summary>
internal sealed class Charges(SandboxClock clock, WebhookOutbox outbox, LicenseKeys licenseKeys, IOptions<SandboxOptions> options)
{
    public SbPayment Charge(SandboxDbContext db, ChargeRequest request)
    {
        var now = clock.UtcNow;
        var status = request switch
        {
            { IsOneClick: true, Method.Behaviour: CardBehaviour.RequiresAuthentication } => "requires_customer_action",
            { IsOneClick: true } => "processing",
            _ => null,
        };
        var decline = status is null ? DeclineFor(request.Method, request.OffSession, request.AuthenticationFailed) : null;
        var payment = new SbPayment
        {
            Id = SandboxIds.Payment(),
            CustomerId = request.Customer.Id,
            SubscriptionId = request.SubscriptionId,
            CheckoutSessionId = request.CheckoutSessionId,
            DiscountId = request.DiscountId,
            Status = status ?? (decline is null ? "succeeded" : "failed"),
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
            OffSession = request.OffSession,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Payments.Add(payment);
        request.Method.LastUsedAt = now;

        switch (payment.Status)
        {
            case "requires_customer_action":
                payment.ActionExpiresAt = now.AddMinutes(options.Value.CustomerActionMinutes);
                break;
            case "processing":
                StartProcessing(db, payment, request.Customer);
                break;
            default:
                if (request.OffSession)
                {
                    var processing = SandboxJson.Payment(payment, request.Customer);
                    processing["status"] = "processing";
                    processing["error_code"] = null;
                    processing["error_message"] = null;
                    outbox.Add(db, WebhookEventTypes.PaymentProcessing, processing);
                }

                Announce(db, payment, request.Customer);
                break;
        }

        return payment;
    }

    /// <summary>The customer answered the bank's challenge on a one-click payment.</summary>
    public void Authenticate(SandboxDbContext db, SbPayment payment, SbCustomer customer, bool passed)
    {
        if (passed)
        {
            StartProcessing(db, payment, customer);
            return;
        }

        Finish(db, payment, customer, TestCards.AuthenticationFailed);
    }

    /// <summary>A processing payment's time has come: the card network's answer.</summary>
    public void Settle(SandboxDbContext db, SbPayment payment, SbCustomer customer, SbPaymentMethod method) =>
        Finish(db, payment, customer, DeclineFor(method, payment.OffSession, authenticationFailed: false));

    /// <summary>Nobody completed the challenge in time: Dodo cancels the payment; nothing was charged.</summary>
    public void Cancel(SandboxDbContext db, SbPayment payment, SbCustomer customer)
    {
        payment.Status = "cancelled";
        payment.ActionExpiresAt = null;
        payment.UpdatedAt = clock.UtcNow;
        outbox.Add(db, WebhookEventTypes.PaymentCancelled, SandboxJson.Payment(payment, customer));
    }

    public static string BillingFrom(JsonObject? billing) => billing?.ToJsonString() ?? "{\"country\":\"US\"}";

    private void StartProcessing(SandboxDbContext db, SbPayment payment, SbCustomer customer)
    {
        payment.Status = "processing";
        payment.ActionExpiresAt = null;
        payment.SettlesAt = DateTime.UtcNow.AddMilliseconds(options.Value.SettlementDelayMilliseconds);
        payment.UpdatedAt = clock.UtcNow;
        outbox.Add(db, WebhookEventTypes.PaymentProcessing, SandboxJson.Payment(payment, customer));
    }

    private void Finish(SandboxDbContext db, SbPayment payment, SbCustomer customer, (string Code, string Message)? decline)
    {
        payment.Status = decline is null ? "succeeded" : "failed";
        payment.ErrorCode = decline?.Code;
        payment.ErrorMessage = decline?.Message;
        payment.SettlesAt = null;
        payment.ActionExpiresAt = null;
        payment.UpdatedAt = clock.UtcNow;
        Announce(db, payment, customer);
    }

    private void Announce(SandboxDbContext db, SbPayment payment, SbCustomer customer)
    {
        outbox.Add(db, payment.Status == "succeeded" ? WebhookEventTypes.PaymentSucceeded : WebhookEventTypes.PaymentFailed,
            SandboxJson.Payment(payment, customer));
        licenseKeys.IssueFor(db, payment);
    }

    private static (string Code, string Message)? DeclineFor(SbPaymentMethod method, bool offSession, bool authenticationFailed) =>
        authenticationFailed ? TestCards.AuthenticationFailed : TestCards.Decline(method.Behaviour, offSession);
}
