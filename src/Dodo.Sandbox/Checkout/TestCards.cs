using Dodo.Sandbox.Data;

namespace Dodo.Sandbox.Checkout;

/// <summary>Dodo's documented test cards (shared/dodo-api/README.md §10). Any other number is refused as invalid.</summary>
internal static class TestCards
{
    private const string UsCurrencies = "USD,EUR,GBP,CAD,AUD";

    internal sealed record Card(CardBehaviour Behaviour, string Network, string Type, string Country, string Currencies);

    private static readonly Dictionary<string, Card> Known = new(StringComparer.Ordinal)
    {
        ["4242424242424242"] = new(CardBehaviour.Succeeds, "VISA", "CREDIT", "US", UsCurrencies),
        ["5555555555554444"] = new(CardBehaviour.Succeeds, "MASTERCARD", "CREDIT", "US", UsCurrencies),
        ["4576238912771450"] = new(CardBehaviour.Succeeds, "VISA", "CREDIT", "IN", "INR"),
        ["5409162669381034"] = new(CardBehaviour.Succeeds, "MASTERCARD", "CREDIT", "IN", "INR"),
        ["4000000000000002"] = new(CardBehaviour.GenericDecline, "VISA", "CREDIT", "US", UsCurrencies),
        ["4000000000009995"] = new(CardBehaviour.InsufficientFunds, "VISA", "DEBIT", "US", UsCurrencies),
        ["4706131211212123"] = new(CardBehaviour.GenericDecline, "VISA", "CREDIT", "IN", "INR"),
        ["5105105105105100"] = new(CardBehaviour.GenericDecline, "MASTERCARD", "CREDIT", "IN", "INR"),
        ["4000000000000341"] = new(CardBehaviour.FailsOffSession, "VISA", "CREDIT", "US", UsCurrencies),
        // Dodo documents no 3-D Secure card; its docs point to Stripe's list, and this is Stripe's (README §10).
        ["4000002500003155"] = new(CardBehaviour.RequiresAuthentication, "VISA", "CREDIT", "US", UsCurrencies),
    };

    /// <summary>Why a charge fails when the customer did not pass the bank's challenge.</summary>
    public static readonly (string Code, string Message) AuthenticationFailed =
        ("AUTHENTICATION_FAILURE", "The customer did not complete the bank's authentication.");

    public static Card? Find(string digits) => Known.GetValueOrDefault(digits);

    /// <summary>The decline a charge gets, or null when it goes through. Off-session = renewals, plan changes, one-click.</summary>
    public static (string Code, string Message)? Decline(CardBehaviour behaviour, bool offSession) => behaviour switch
    {
        CardBehaviour.Succeeds => null,
        CardBehaviour.GenericDecline => ("GENERIC_DECLINE", "The card was declined. Ask the customer to use another payment method."),
        CardBehaviour.InsufficientFunds => ("INSUFFICIENT_FUNDS", "The card has insufficient funds. Ask the customer to use another payment method."),
        CardBehaviour.FailsOffSession => offSession
            ? ("GENERIC_DECLINE", "The card was declined for an off-session charge. Ask the customer to update their payment method.")
            : null,
        CardBehaviour.RequiresAuthentication => null,
    };
}
