using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Dodo.Sandbox.Checkout;

/// <summary>The card details typed on the hosted page, validated the way a payment form would.</summary>
internal sealed record CardForm(string Email, string Name, string Number, int ExpiryMonth, int ExpiryYear, string HolderName, string Country,
    string Street, string City, string? State, string Zipcode)
{
    /// <summary>The billing address as Dodo stores it on the payment (and later one-click charges reuse).</summary>
    public System.Text.Json.Nodes.JsonObject Billing => new()
    {
        ["country"] = Country, ["state"] = State, ["city"] = City, ["street"] = Street, ["zipcode"] = Zipcode,
    };

    public string Last4 => Number[^4..];

    public static (CardForm? Form, string? Error) Read(IFormCollection form, DateTime now)
    {
        var email = form["email"].ToString().Trim();
        var name = form["name"].ToString().Trim();
        var number = new string(form["card_number"].ToString().Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        var expiry = form["expiry"].ToString().Trim();
        var cvc = form["cvc"].ToString().Trim();
        var holder = form["card_holder"].ToString().Trim();
        var country = form["country"].ToString().Trim().ToUpperInvariant();
        var street = form["street"].ToString().Trim();
        var city = form["city"].ToString().Trim();
        var state = form["state"].ToString().Trim();
        var zipcode = form["zipcode"].ToString().Trim();

        if (email.Length == 0 || !email.Contains('@', StringComparison.Ordinal))
        {
            return (null, "Enter the email address for your receipt.");
        }

        if (number.Length is < 12 or > 19 || !number.All(char.IsAsciiDigit) || !PassesLuhn(number))
        {
            return (null, "That card number is not valid.");
        }

        if (TestCards.Find(number) is null)
        {
            return (null, "This is a test checkout: use one of Dodo's test cards, such as 4242 4242 4242 4242.");
        }

        var parts = expiry.Split('/', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var month) || month is < 1 or > 12
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return (null, "Enter the expiry date as MM/YY.");
        }

        year = year < 100 ? 2000 + year : year;
        if (new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1) <= now)
        {
            return (null, "This card has expired.");
        }

        if (cvc.Length is < 3 or > 4 || !cvc.All(char.IsAsciiDigit))
        {
            return (null, "Enter the 3 or 4 digit security code (CVC).");
        }

        if (country.Length != 2)
        {
            return (null, "Choose the billing country.");
        }

        if (street.Length == 0 || city.Length == 0 || zipcode.Length == 0)
        {
            return (null, "Enter the billing address: street, city and postal code.");
        }

        return (new CardForm(email, name.Length == 0 ? email : name, number, month, year, holder.Length == 0 ? name : holder, country,
            street, city, state.Length == 0 ? null : state, zipcode), null);
    }

    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var digit = digits[i] - '0';
            if (doubleIt)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }
}
