using Storefront.Domain.Catalog;

namespace Storefront.Web.Features.Catalog;

/// <summary>The catalog's "Show" choices and their ?show= values.</summary>
public static class CatalogFilter
{
    public sealed record Option(ProductKind? Kind, string Label, string Href);

    public static readonly IReadOnlyList<Option> Options =
    [
        new(null, "All", "./"),
        new(ProductKind.Subscription, "Plans", "?show=plans"),
        new(ProductKind.OneTime, "One-time", "?show=one-time"),
    ];

    /// <summary>The kind a ?show= value names; anything else shows everything.</summary>
    public static ProductKind? Parse(string? show) => show switch
    {
        "plans" => ProductKind.Subscription,
        "one-time" => ProductKind.OneTime,
        _ => null,
    };
}
