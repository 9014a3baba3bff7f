using Storefront.Domain.Catalog;

namespace Storefront.Web.Data;

/// <summary>A product the store sells. The price mirrors Dodo's product price, in minor units.</summary>
public sealed class CatalogProduct
{
    /// <summary>Stable, URL-friendly key: "basic-plan", "starter-course".</summary>
    public required string Id { get; init; }

    public required string Name { get; set; }

    public required string Summary { get; set; }

    public string Description { get; set; } = "";

    public ProductKind Kind { get; set; }

    public long PriceMinor { get; set; }

    public required string Currency { get; set; }

    /// <summary>How often a subscription bills; null for one-time products.</summary>
    public BillingInterval? BillingInterval { get; set; }

    /// <summary>Days a new subscriber uses the plan free before Dodo's first charge (Dodo's price trial_period_days; 0: none).</summary>
    public int TrialPeriodDays { get; set; }

    /// <summary>What the buyer gets, one feature a line; the upsell offer compares these.</summary>
    public string Features { get; set; } = "";

    /// <summary>The product's id at Dodo ("pdt_…"). Every purchase is made against this id.</summary>
    public required string DodoProductId { get; set; }

    /// <summary>File name under wwwroot-assets/images.</summary>
    public string? ImageFile { get; set; }

    public int SortOrder { get; set; }

    public bool IsArchived { get; set; }

    /// <summary>
    /// For an upgrade product (priced at the difference, never listed): the product the customer must own already,
    /// and the product a purchase of it grants. A bundle offered to someone who owns part of it is charged this way.
    /// </summary>
    public string? UpgradeFromProductId { get; set; }

    public string? UpgradeToProductId { get; set; }

    public IReadOnlyList<string> FeatureList =>
        Features.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
