using Storefront.Domain;

namespace Storefront.Domain.Tests;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(3000, "USD", "$30.00")]
    [InlineData(149900, "INR", "₹1,499.00")]
    [InlineData(1200, "JPY", "¥1,200")]
    [InlineData(-2500, "USD", "-$25.00")]
    [InlineData(5, "EUR", "€0.05")]
    [InlineData(1999, "CHF", "CHF 19.99")]
    public void Format_KnownAndUnknownCurrencies_UsesTheCurrencyExponentAndInvariantDigits(long minor, string currency, string expected)
    {
        Assert.Equal(expected, new Money(minor, currency).Format());
    }

    [Fact]
    public void Plus_SameCurrency_AddsMinorUnitsExactly()
    {
        var total = new Money(1999, "USD").Plus(new Money(1, "USD"));

        Assert.Equal(new Money(2000, "USD"), total);
    }

    [Fact]
    public void Minus_DifferentCurrency_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new Money(100, "USD").Minus(new Money(100, "EUR")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("US")]
    [InlineData("DOLLAR")]
    public void Constructor_CurrencyNotThreeLetters_Throws(string currency)
    {
        Assert.Throws<ArgumentException>(() => new Money(100, currency));
    }

    [Fact]
    public void Constructor_LowerCaseCurrency_IsNormalisedToUpperCase()
    {
        Assert.Equal("USD", new Money(100, "usd").Currency);
    }

    [Fact]
    public void JsonRoundTrip_KeepsAmountAndCurrency()
    {
        // Interactive components receive their parameters as JSON; a Money must survive the trip.
        var json = System.Text.Json.JsonSerializer.Serialize(new Money(8000, "USD"));

        Assert.Equal(new Money(8000, "USD"), System.Text.Json.JsonSerializer.Deserialize<Money>(json));
    }

    [Theory]
    [InlineData(14900, "USD", "149.00")]
    [InlineData(-2000, "EUR", "-20.00")]
    [InlineData(1500, "JPY", "1500")]
    [InlineData(123456789, "INR", "1234567.89")]
    public void Decimal_IsMajorUnitsWithTheCurrencysDecimals_ForFiles(long minor, string currency, string expected) =>
        Assert.Equal(expected, CurrencyFormat.Decimal(new Money(minor, currency)));
}
