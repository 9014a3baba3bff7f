namespace Storefront.Web.Features.Offers;

/// <summary>
/// A Dodo discount code the store made for one percentage off one Dodo product, reused by every offer that needs it
/// (one per product and percentage). The code itself never reaches a browser.
/// </summary>
public sealed class OfferDiscountCode
{
    public long Id { get; init; }

    public required string DodoProductId { get; init; }

    public int Percent { get; init; }

    public required string Code { get; init; }

    public required string DodoDiscountId { get; init; }

    public DateTime CreatedAt { get; init; }
}
