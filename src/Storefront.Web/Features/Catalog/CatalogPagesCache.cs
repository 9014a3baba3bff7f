using Microsoft.AspNetCore.OutputCaching;

namespace Storefront.Web.Features.Catalog;

/// <summary>
/// Anonymous visitors' catalog and product pages come from ASP.NET Core's output cache (ADR-0016): they are the same
/// for every visitor who is not signed in, and rendering one costs far more than serving it. Signed-in requests and
/// responses that set a cookie are never cached (the output cache's default rules). A change to the catalog or to
/// the upsell maps (cross-sells are on product pages) evicts the pages at once on this instance; on other instances
/// they expire after <see cref="Lifetime"/>, which also bounds how late a rule's time window is seen.
/// </summary>
public sealed class CatalogPagesCache(IOutputCacheStore store)
{
    public const string Policy = "catalog-pages";

    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private const string Tag = "catalog-pages";

    public static void AddPolicy(OutputCacheOptions options) =>
        options.AddPolicy(Policy, page => page.Expire(Lifetime).Tag(Tag).SetVaryByQuery("show"));

    /// <summary>After the catalog or an upsell map changed: the next anonymous visitor gets a fresh render.</summary>
    public Task InvalidateAsync(CancellationToken cancellationToken) => store.EvictByTagAsync(Tag, cancellationToken).AsTask();
}
