namespace Storefront.Web.Features.Subscriptions;

/// <summary>
/// What the cancel form offers a subscriber who gives this reason: nothing, a cheaper plan (a plan change with Dodo's
/// preview), or a discount on the next bills (a Dodo discount code for N cycles). Dodo's OpenAPI has no pause, so the
/// store offers none.
/// </summary>
public sealed class RetentionOffer
{
    /// <summary>A key of <see cref="Storefront.Domain.Plans.CancellationReasons"/>.</summary>
    public required string Reason { get; init; }

    /// <summary>The cheaper plan offered (a catalog product id); null: no offer for this reason.</summary>
    public string? PlanProductId { get; set; }

    /// <summary>A percentage off the customer's next <see cref="DiscountCycles"/> bills; null: no discount (one offer per reason).</summary>
    public int? DiscountPercent { get; set; }

    public int? DiscountCycles { get; set; }

    public DateTime UpdatedAt { get; set; }
}
