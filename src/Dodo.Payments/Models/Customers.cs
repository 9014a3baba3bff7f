using System.Text.Json.Serialization;
using Dodo.Payments.Json;

namespace Dodo.Payments.Models;

public sealed record Customer
{
    public required string CustomerId { get; init; }

    public required string BusinessId { get; init; }

    public required string Email { get; init; }

    public required string Name { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public string? PhoneNumber { get; init; }

    [JsonConverter(typeof(MetadataConverter))]
    public Dictionary<string, string>? Metadata { get; init; }
}

public sealed record CreateCustomerRequest
{
    public required string Email { get; init; }

    public required string Name { get; init; }

    public string? PhoneNumber { get; init; }

    [JsonConverter(typeof(MetadataConverter))]
    public Dictionary<string, string>? Metadata { get; init; }
}

public sealed record CustomerListQuery
{
    public string? Email { get; init; }

    public string? Name { get; init; }

    public DateTimeOffset? CreatedAtGte { get; init; }

    public DateTimeOffset? CreatedAtLte { get; init; }

    public int PageNumber { get; init; }

    public int PageSize { get; init; } = 10;
}

/// <summary>A saved payment method (GET /customers/{id}/payment-methods).</summary>
public sealed record PaymentMethodItem
{
    public required string PaymentMethodId { get; init; }

    public PaymentMethodCategory PaymentMethod { get; init; }

    /// <summary>Fine-grained type ("credit", "debit", "apple_pay", …; 100+ values): kept as text.</summary>
    public string? PaymentMethodType { get; init; }

    public CardDetails? Card { get; init; }

    public DateTimeOffset? LastUsedAt { get; init; }

    public bool? RecurringEnabled { get; init; }
}

public sealed record CardDetails
{
    public string? CardHolderName { get; init; }

    public string? CardIssuingCountry { get; init; }

    public string? CardNetwork { get; init; }

    public string? CardType { get; init; }

    public string? Last4Digits { get; init; }

    public string? ExpiryMonth { get; init; }

    public string? ExpiryYear { get; init; }

    /// <summary>
    /// The expiry as (year, month). Dodo does not document the format ("6" or "06", "32" or "2032"), so both are read.
    /// </summary>
    public bool TryGetExpiry(out int year, out int month)
    {
        year = 0;
        month = 0;
        if (!int.TryParse(ExpiryMonth, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out month)
            || month is < 1 or > 12
            || !int.TryParse(ExpiryYear, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out year))
        {
            return false;
        }

        if (year < 100)
        {
            year += 2000;
        }

        return year is >= 2000 and < 2200;
    }

    /// <summary>A card is usable through the last day of its expiry month.</summary>
    public bool IsExpiredAt(DateTimeOffset now) =>
        !TryGetExpiry(out var year, out var month) || new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1) <= now;
}

/// <summary>POST /customers/{id}/customer-portal/session.</summary>
public sealed record CustomerPortalSession
{
    public required string Link { get; init; }
}
