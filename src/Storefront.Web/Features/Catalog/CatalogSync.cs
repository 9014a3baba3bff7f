using Dodo.Payments;
using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Storefront.Domain.Catalog;
using Storefront.Web.Data;

namespace Storefront.Web.Features.Catalog;

/// <summary>
/// Brings the store's catalog in line with Dodo's product list: prices, names, currency and archived state come
/// from Dodo; a product Dodo has that the store lacks is added (admins then write its copy). Store-only copy
/// (summary, features, image) is left alone.
/// </summary>
public sealed partial class CatalogSync(IDbContextFactory<StorefrontDbContext> dbFactory, DodoClient dodo, CatalogSyncStatus status, CatalogPagesCache pages, TimeProvider clock)
{
    public DateTime? LastRun => status.LastRun;

    public string? LastResult => status.LastResult;

    public async Task<string> SyncAsync(CancellationToken cancellationToken)
    {
        var live = await dodo.ListAllProductsAsync(archived: false, cancellationToken);
        var archived = await dodo.ListAllProductsAsync(archived: true, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var products = await db.Products.ToDictionaryAsync(p => p.DodoProductId, cancellationToken);
        int added = 0, updated = 0;
        foreach (var (item, isArchived) in live.Select(i => (i, false)).Concat(archived.Select(i => (i, true))))
        {
            var price = item.PriceDetail?.Price ?? item.Price ?? 0;
            var currency = item.PriceDetail?.Currency ?? item.Currency ?? "USD";
            var interval = item.IsRecurring ? Interval(item.PriceDetail?.PaymentFrequencyInterval) : (BillingInterval?)null;
            var trialDays = item.IsRecurring ? item.PriceDetail?.TrialPeriodDays ?? 0 : 0;
            if (products.TryGetValue(item.ProductId, out var product))
            {
                if (product.PriceMinor != price || product.Currency != currency || product.IsArchived != isArchived || product.Name != (item.Name ?? product.Name)
                    || product.TrialPeriodDays != trialDays)
                {
                    product.TrialPeriodDays = trialDays;
                    product.PriceMinor = price;
                    product.Currency = currency;
                    product.IsArchived = isArchived;
                    product.Name = item.Name ?? product.Name;
                    product.BillingInterval = interval;
                    updated++;
                }

                continue;
            }

            var id = await UniqueIdAsync(db, Slug(item.Name ?? item.ProductId), cancellationToken);
            db.Products.Add(new CatalogProduct
            {
                Id = id, Name = item.Name ?? item.ProductId, Summary = Truncate(item.Description ?? "", 500), Description = item.Description ?? "",
                Kind = item.IsRecurring ? ProductKind.Subscription : ProductKind.OneTime, PriceMinor = price, Currency = currency,
                BillingInterval = interval, TrialPeriodDays = trialDays, DodoProductId = item.ProductId, IsArchived = isArchived, SortOrder = 1000,
            });
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await pages.InvalidateAsync(cancellationToken);
        status.LastRun = clock.GetUtcNow().UtcDateTime;
        status.LastResult = $"{live.Count + archived.Count} products at Dodo, {added} added, {updated} updated";
        return status.LastResult;
    }

    private static BillingInterval? Interval(TimeInterval? interval) => interval switch
    {
        TimeInterval.Day => BillingInterval.Day,
        TimeInterval.Week => BillingInterval.Week,
        TimeInterval.Year => BillingInterval.Year,
        // Dodo bills monthly unless told otherwise; an interval this code does not know yet is read the same way.
        TimeInterval.Month or TimeInterval.Unknown or null => BillingInterval.Month,
    };

    private static async Task<string> UniqueIdAsync(StorefrontDbContext db, string slug, CancellationToken cancellationToken)
    {
        var candidate = slug;
        for (var n = 2; await db.Products.AnyAsync(p => p.Id == candidate, cancellationToken) || db.Products.Local.Any(p => p.Id == candidate); n++)
        {
            candidate = $"{slug}-{n}";
        }

        return candidate;
    }

    private static string Slug(string name)
    {
        var slug = SlugPattern().Replace(name.ToLowerInvariant(), "-").Trim('-');
        return Truncate(slug.Length == 0 ? "product" : slug, 56);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    [System.Text.RegularExpressions.GeneratedRegex("[^a-z0-9]+")]
    private static partial System.Text.RegularExpressions.Regex SlugPattern();
}

/// <summary>When the catalog was last synced, for the admin page (per process).</summary>
public sealed class CatalogSyncStatus
{
    public DateTime? LastRun { get; set; }

    public string? LastResult { get; set; }
}
