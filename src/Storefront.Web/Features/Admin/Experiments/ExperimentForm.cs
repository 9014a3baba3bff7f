using System.ComponentModel.DataAnnotations;

namespace Storefront.Web.Features.Admin.Experiments;

/// <summary>A new experiment, as posted by the admin's form. Variant rows left without a name are not used.</summary>
public sealed class ExperimentForm
{
    public const int VariantRows = 3;

    [Range(1, long.MaxValue, ErrorMessage = "Choose the rule to test.")]
    public long RuleId { get; set; }

    [Required(ErrorMessage = "Name the experiment.")]
    [StringLength(120, ErrorMessage = "Keep the name under 120 characters.")]
    public string Name { get; set; } = "";

    [Range(0, 90, ErrorMessage = "The holdout is a percentage from 0 to 90.")]
    public int HoldoutPercent { get; set; } = 20;

    [Range(1, 365, ErrorMessage = "Count revenue for 1 to 365 days after the purchase.")]
    public int RevenueWindowDays { get; set; } = 30;

    public List<VariantForm> Variants { get; set; } = NewRows();

    private static List<VariantForm> NewRows() =>
        [new VariantForm { Name = "A: the rule as it is", Weight = 50 }, new VariantForm { Weight = 50 }, new VariantForm()];
}

public sealed class VariantForm
{
    [StringLength(60, ErrorMessage = "Keep the variant's name under 60 characters.")]
    public string? Name { get; set; }

    [Range(0, 100, ErrorMessage = "A weight is from 0 to 100.")]
    public int Weight { get; set; }

    public string? OfferProductId { get; set; }

    [StringLength(120, ErrorMessage = "Keep the headline under 120 characters.")]
    public string? Headline { get; set; }

    [StringLength(500, ErrorMessage = "Keep the value text under 500 characters.")]
    public string? ValueText { get; set; }

    [StringLength(40, ErrorMessage = "Keep the badge under 40 characters.")]
    public string? Badge { get; set; }

    [Range(1, Storefront.Domain.Offers.OfferDiscount.MostPercent, ErrorMessage = "A discount is a whole percentage from 1 to 90.")]
    public int? DiscountPercent { get; set; }

    public bool IsUsed => !string.IsNullOrWhiteSpace(Name);
}
