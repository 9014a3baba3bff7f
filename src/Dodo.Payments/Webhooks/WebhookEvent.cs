using System.Text.Json;
using Dodo.Payments.Json;
using Dodo.Payments.Models;

namespace Dodo.Payments.Webhooks;

/// <summary>
/// The envelope <c>{business_id, type, timestamp, data}</c>. <c>data</c> is the resource's latest state at delivery
/// time; read it with <see cref="PaymentData"/> or <see cref="SubscriptionData"/> by <c>data.payload_type</c>.
/// </summary>
public sealed record WebhookEvent
{
    public required string BusinessId { get; init; }

    public required string Type { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public required JsonElement Data { get; init; }

    public string? PayloadType =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty("payload_type", out var type) ? type.GetString() : null;

    public Payment PaymentData() => DataAs<Payment>("Payment");

    public Subscription SubscriptionData() => DataAs<Subscription>("Subscription");

    public Refund RefundData() => DataAs<Refund>("Refund");

    public LicenseKey LicenseKeyData() => DataAs<LicenseKey>("LicenseKey");

    public static WebhookEvent Parse(ReadOnlySpan<byte> body) =>
        JsonSerializer.Deserialize<WebhookEvent>(body, DodoJson.Options)
        ?? throw new JsonException("The webhook body is empty.");

    private T DataAs<T>(string payloadType)
    {
        if (PayloadType != payloadType)
        {
            throw new InvalidOperationException($"Event {Type} carries {PayloadType}, not {payloadType}.");
        }

        return Data.Deserialize<T>(DodoJson.Options) ?? throw new JsonException($"Event {Type} has no data.");
    }
}

/// <summary>The event types the store handles (Dodo sends many more; unknown ones are stored and acknowledged).</summary>
public static class WebhookEventTypes
{
    public const string PaymentSucceeded = "payment.succeeded";
    public const string LicenseKeyCreated = "license_key.created";
    public const string PaymentFailed = "payment.failed";
    public const string PaymentProcessing = "payment.processing";
    public const string PaymentCancelled = "payment.cancelled";
    public const string SubscriptionActive = "subscription.active";
    public const string SubscriptionRenewed = "subscription.renewed";
    public const string SubscriptionOnHold = "subscription.on_hold";
    public const string SubscriptionCancelled = "subscription.cancelled";
    public const string SubscriptionFailed = "subscription.failed";
    public const string SubscriptionExpired = "subscription.expired";
    public const string SubscriptionPlanChanged = "subscription.plan_changed";
    public const string SubscriptionUpdated = "subscription.updated";
    public const string RefundSucceeded = "refund.succeeded";
    public const string RefundFailed = "refund.failed";
}
