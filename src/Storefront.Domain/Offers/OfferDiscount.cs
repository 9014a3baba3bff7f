namespace Storefront.Domain.Offers;

/// <summary>
/// A percentage off an offered one-time product, redeemed through a Dodo discount code. Dodo's discounts API has only
/// percentage discounts (basis points); a fixed amount off has no Dodo equivalent, so the store does not offer one.
/// </summary>
public static class OfferDiscount
{
    /// <summary>The largest discount an admin can set: an offer is never given away.</summary>
    public const int MostPercent = 90;

    /// <summary>Why an admin's discount is refused, or null when it is allowed for this product.</summary>
    public static string? Problem(int? percent, bool offerIsPlan) =>
        percent is null ? null
        : percent is < 1 or > MostPercent ? $"A discount is a whole percentage from 1 to {MostPercent}."
        : offerIsPlan ? "A plan offer is a change of plan, charged by Dodo's proration; leave the discount empty."
        : null;

    /// <summary>Dodo's unit for a percentage discount: 20% is 2000 basis points.</summary>
    public static int BasisPoints(int percent) => percent * 100;

    /// <summary>
    /// A cart line (price × quantity) after the discount, as Dodo charges it: the discount is the line's amount times
    /// the percentage, rounded half up to the minor unit (see ADR-0020 on why this is the assumption and how it is checked).
    /// </summary>
    public static Money Apply(Money lineTotal, int? percent) =>
        percent is not { } off ? lineTotal
        : new Money(lineTotal.Minor - (long)Math.Round(lineTotal.Minor * off / 100m, MidpointRounding.AwayFromZero), lineTotal.Currency);
}
