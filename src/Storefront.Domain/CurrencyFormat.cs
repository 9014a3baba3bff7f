using System.Globalization;

namespace Storefront.Domain;

/// <summary>Turns minor units into text. Knows how many decimals each currency has (ISO 4217 exponent).</summary>
public static class CurrencyFormat
{
    private static readonly Dictionary<string, (string Symbol, int Exponent)> Known = new(StringComparer.Ordinal)
    {
        ["USD"] = ("$", 2),
        ["EUR"] = ("€", 2),
        ["GBP"] = ("£", 2),
        ["INR"] = ("₹", 2),
        ["JPY"] = ("¥", 0),
        ["KRW"] = ("₩", 0),
        ["AUD"] = ("A$", 2),
        ["CAD"] = ("CA$", 2),
    };

    public static int Exponent(string currency) => Known.TryGetValue(currency, out var known) ? known.Exponent : 2;

    public static string Format(Money money)
    {
        var (symbol, exponent) = Known.TryGetValue(money.Currency, out var known) ? known : (money.Currency + " ", 2);
        var major = money.Minor / (decimal)Pow10(exponent);
        var sign = major < 0 ? "-" : "";
        var digits = Math.Abs(major).ToString("N" + exponent.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return sign + symbol + digits;
    }

    /// <summary>The amount in major units (dollars, rupees, yen), for a chart's axis.</summary>
    public static decimal ToMajor(Money money) => money.Minor / (decimal)Pow10(Exponent(money.Currency));

    /// <summary>For files other programs read (CSV): "149.00", invariant digits with the currency's decimals, no symbol.</summary>
    public static string Decimal(Money money)
    {
        var exponent = Exponent(money.Currency);
        var major = money.Minor / (decimal)Pow10(exponent);
        return major.ToString("F" + exponent.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static long Pow10(int exponent)
    {
        long value = 1;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }

        return value;
    }
}
