using Storefront.Domain;
using Storefront.Domain.Catalog;
using Storefront.Web.Data;

namespace Storefront.Web.Features.Catalog;

/// <summary>What a page needs to show a product; built from the stored product, never edited by the UI.</summary>
public sealed record CatalogItem(
    string Id,
    string Name,
    string Summary,
    string Description,
    ProductKind Kind,
    Money Price,
    BillingInterval? BillingInterval,
    IReadOnlyList<string> Features,
    string? ImageFile,
    int TrialPeriodDays = 0)
{
    public string PriceLabel => Storefront.Domain.Catalog.PriceLabel.Describe(Price, BillingInterval);

    /// <summary>"14-day free trial" for a plan with one; null otherwise.</summary>
    public string? TrialLabel => TrialPeriodDays > 0 ? $"{TrialPeriodDays}-day free trial" : null;

    public string KindLabel => Kind switch
    {
        ProductKind.Subscription => "Plan",
        ProductKind.OneTime => "One-time purchase",
    };

    public static CatalogItem From(CatalogProduct product) => new(
        product.Id,
        product.Name,
        product.Summary,
        product.Description,
        product.Kind,
        new Money(product.PriceMinor, product.Currency),
        product.BillingInterval,
        product.FeatureList,
        product.ImageFile,
        product.TrialPeriodDays);
}
