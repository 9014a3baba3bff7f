using System.Globalization;
using System.Text.Json.Serialization;

namespace Storefront.Domain;

/// <summary>An exact amount: integer minor units (cents, paise, yen) plus an ISO 4217 currency code.</summary>
public readonly record struct Money
{
    [JsonConstructor]
    public Money(long minor, string currency)
    {
        if (string.IsNullOrWhiteSpace(currency) || currency.Length != 3)
        {
            throw new ArgumentException("Currency must be a three-letter ISO 4217 code.", nameof(currency));
        }

        Minor = minor;
        Currency = currency.ToUpperInvariant();
    }

    public long Minor { get; }

    public string Currency { get; }

    public static Money Zero(string currency) => new(0, currency);

    public Money Plus(Money other) => new(checked(Minor + SameCurrency(other).Minor), Currency);

    public Money Minus(Money other) => new(checked(Minor - SameCurrency(other).Minor), Currency);

    /// <summary>The price of <paramref name="quantity"/> of something priced at this amount each.</summary>
    public Money Times(int quantity) => new(checked(Minor * quantity), Currency);

    /// <summary>Formats for people, e.g. "$30.00" or "₹1,499.00", with an explicit culture, never the server's.</summary>
    public string Format() => CurrencyFormat.Format(this);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Minor} {Currency}");

    private Money SameCurrency(Money other) =>
        other.Currency == Currency
            ? other
            : throw new InvalidOperationException($"Cannot combine {Currency} with {other.Currency}.");
}
