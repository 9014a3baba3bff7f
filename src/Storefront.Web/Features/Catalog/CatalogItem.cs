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
    string? ImageFile)
{
    public string PriceLabel => Storefront.Domain.Catalog.PriceLabel.Describe(Price, BillingInterval);

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
        product.ImageFile);
}
