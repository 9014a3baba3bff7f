namespace Storefront.Domain.Catalog;

/// <summary>Mirrors Dodo's capitalised TimeInterval values.</summary>
public enum BillingInterval
{
    Day = 0,
    Week = 1,
    Month = 2,
    Year = 3,
}
