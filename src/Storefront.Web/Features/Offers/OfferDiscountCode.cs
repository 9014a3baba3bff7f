namespace Storefront.Web.Features.Offers;

/// <summary>
/// A Dodo discount code the store made for one percentage off one Dodo product, reused by everything that needs it
/// (one per product, percentage and number of billing cycles). The code itself never reaches a browser.
/// </summary>
public sealed class OfferDiscountCode
{
    public long Id { get; init; }

    public required string DodoProductId { get; init; }

    public int Percent { get; init; }

    /// <summary>For a subscription's discount: the billing cycles it lasts (Dodo's subscription_cycles); 0 for an offer's one-time charge.</summary>
    public int Cycles { get; init; }

    public required string Code { get; init; }

    public required string DodoDiscountId { get; init; }

    public DateTime CreatedAt { get; init; }
}
