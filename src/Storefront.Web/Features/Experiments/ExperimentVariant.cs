namespace Storefront.Web.Features.Experiments;

/// <summary>One version of the rule's offer. Empty fields keep the rule's own; a variant with none is the rule as it is.</summary>
public sealed class ExperimentVariant
{
    public long Id { get; init; }

    public long ExperimentId { get; init; }

    public required string Name { get; set; }

    /// <summary>Its share of the orders that are not held out, relative to the other variants' weights.</summary>
    public int Weight { get; set; }

    public string? OfferProductId { get; set; }

    public string? Headline { get; set; }

    public string? ValueText { get; set; }

    public string? Badge { get; set; }

    /// <summary>A percentage off instead of the rule's discount (null: the rule's).</summary>
    public int? DiscountPercent { get; set; }
}
