using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;

namespace Storefront.Web.Features.Catalog;

/// <summary>Reads the catalog for pages. Archived products are not for sale, and upgrade products are sold only as offers: neither is listed.</summary>
public sealed class CatalogService(IDbContextFactory<StorefrontDbContext> dbFactory)
{
    public async Task<IReadOnlyList<CatalogItem>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var products = await db.Products.AsNoTracking()
            .Where(p => !p.IsArchived && p.UpgradeToProductId == null)
            .OrderBy(p => p.SortOrder).ThenBy(p => p.Name)
            .ToListAsync(cancellationToken);
        return products.Select(CatalogItem.From).ToList();
    }

    public async Task<CatalogItem?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var product = await db.Products.AsNoTracking()
            .FirstOrDefaultAsync(p => p.Id == id && !p.IsArchived && p.UpgradeToProductId == null, cancellationToken);
        return product is null ? null : CatalogItem.From(product);
    }
}
