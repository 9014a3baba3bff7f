using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;

namespace Storefront.Web.Features.Offers;

/// <summary>
/// Which catalog product an offer charges: the offered product itself, or, for a customer who already owns what it
/// contains, its upgrade product (priced at the difference, granting the offered product). The card's amount and
/// the one-click charge both come from here, so what the customer sees is what Dodo charges.
/// </summary>
internal static class OfferPricing
{
    public static async Task<CatalogProduct> ChargedProductAsync(StorefrontDbContext db, string userId, CatalogProduct offered, CancellationToken cancellationToken)
    {
        var owned = db.Entitlements.Where(e => e.UserId == userId).Select(e => e.ProductId);
        var upgrade = await db.Products.AsNoTracking()
            .Where(p => p.UpgradeToProductId == offered.Id && !p.IsArchived && p.Currency == offered.Currency && owned.Contains(p.UpgradeFromProductId!))
            .OrderBy(p => p.PriceMinor).FirstOrDefaultAsync(cancellationToken);
        return upgrade ?? offered;
    }

    /// <summary>
    /// The most of the offer one click can buy: the rule's limit for a one-time product bought outright; one for a plan
    /// (a change of plan) and for an upgrade (owning part of it once).
    /// </summary>
    public static int QuantityLimit(UpsellRule rule, CatalogProduct offered, CatalogProduct charged) =>
        offered.Kind == Storefront.Domain.Catalog.ProductKind.OneTime && charged.Id == offered.Id ? rule.MaxQuantity : 1;
}
