namespace Storefront.Domain.Offers;

/// <summary>
/// How many of an offered one-time product a customer may take in one click (team seats, say): 1 up to the limit the
/// admin set on the rule. A plan offer is a change of plan, and an upgrade is bought once, so both are always one.
/// </summary>
public static class OfferQuantity
{
    /// <summary>The largest limit an admin can set.</summary>
    public const int MostAllowed = 100;

    /// <summary>Why a customer's chosen quantity is refused, or null when it is within the offer's limit.</summary>
    public static string? Problem(int quantity, int limit) =>
        quantity >= 1 && quantity <= limit ? null
        : limit == 1 ? "This offer is for one."
        : $"Choose a quantity from 1 to {limit}.";

    /// <summary>Why an admin's limit is refused, or null when it is allowed for this product.</summary>
    public static string? LimitProblem(int limit, bool offerIsPlan) =>
        limit is < 1 or > MostAllowed ? $"The most a customer can take is a number from 1 to {MostAllowed}."
        : limit > 1 && offerIsPlan ? "A plan offer changes the customer's plan, so it has no quantity. Leave this at 1."
        : null;
}
