namespace Storefront.Domain.Payments;

/// <summary>A saved card as the one-click button needs it: what to show and whether it can be charged.</summary>
public sealed record SavedCard(string PaymentMethodId, string Network, string Last4, int ExpiryMonth, int ExpiryYear, bool RecurringEnabled, string? IssuingCountry)
{
    public string Label => $"{Network} •••• {Last4}";

    public string ExpiryLabel => $"{ExpiryMonth:00}/{ExpiryYear % 100:00}";

    /// <summary>Usable through the last day of its expiry month.</summary>
    public bool IsExpiredAt(DateTime now) => new DateTime(ExpiryYear, ExpiryMonth, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1) <= now;
}

/// <summary>Which saved card a one-click offer may use: checked before the button is shown.</summary>
public static class OneClickEligibility
{
    /// <summary>
    /// Cards that cannot pay off-session, have expired, or were issued where the currency is not accepted are left
    /// out [INF: Dodo exposes no per-card currency list; an Indian card pays INR only, others pay the rest].
    /// The most recently usable one wins.
    /// </summary>
    public static SavedCard? Choose(IEnumerable<SavedCard> cards, string currency, DateTime now) =>
        cards.FirstOrDefault(card => card.RecurringEnabled && !card.IsExpiredAt(now) && SuitsCurrency(card, currency));

    public static bool SuitsCurrency(SavedCard card, string currency) =>
        card.IssuingCountry == "IN" ? currency == "INR" : currency != "INR";
}
