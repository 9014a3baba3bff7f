using System.Text.Json.Serialization;
using Dodo.Payments.Json;

namespace Dodo.Payments.Models;

/// <summary>
/// POST /checkouts. For a one-click charge on a saved card: <see cref="PaymentMethodId"/> with
/// <see cref="Confirm"/> = true and <see cref="Customer"/> = an existing customer id (Dodo's documented rule).
/// </summary>
public sealed record CheckoutSessionRequest
{
    public required IReadOnlyList<ProductCartItem> ProductCart { get; init; }

    public CustomerRequest? Customer { get; init; }

    public BillingAddress? BillingAddress { get; init; }

    public string? PaymentMethodId { get; init; }

    public bool? Confirm { get; init; }

    public string? ReturnUrl { get; init; }

    public string? CancelUrl { get; init; }

    public CheckoutFeatureFlags? FeatureFlags { get; init; }

    [JsonConverter(typeof(MetadataConverter))]
    public Dictionary<string, string>? Metadata { get; init; }

    public bool? ShowSavedPaymentMethods { get; init; }

    /// <summary>Codes to redeem on this cart (at most 20); an unusable one refuses the request with INVALID_DISCOUNT_CODE.</summary>
    public IReadOnlyList<string>? DiscountCodes { get; init; }

    /// <summary>For a subscription in the cart: overrides the product's trial (0 to 10000 days; 0: no trial).</summary>
    public CheckoutSubscriptionData? SubscriptionData { get; init; }
}

public sealed record CheckoutSubscriptionData
{
    public int? TrialPeriodDays { get; init; }
}

public sealed record CheckoutFeatureFlags
{
    /// <summary>Skip Dodo's own success page and go straight to the return URL.</summary>
    public bool? RedirectImmediately { get; init; }

    public bool? AlwaysCreateNewCustomer { get; init; }
}

public sealed record CheckoutSessionResponse
{
    public required string SessionId { get; init; }

    /// <summary>Null when a saved payment method was given (nothing for the customer to fill in).</summary>
    public string? CheckoutUrl { get; init; }

    /// <summary>Set when <c>confirm: true</c> created the payment with the session.</summary>
    public string? PaymentId { get; init; }

    public string? ClientSecret { get; init; }

    public string? PublishableKey { get; init; }
}

/// <summary>GET /checkouts/{id}.</summary>
public sealed record CheckoutSessionStatus
{
    public required string Id { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public string? CustomerEmail { get; init; }

    public string? CustomerName { get; init; }

    public string? PaymentId { get; init; }

    public PaymentStatus? PaymentStatus { get; init; }
}
