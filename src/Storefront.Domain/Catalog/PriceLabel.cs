namespace Storefront.Domain.Catalog;

/// <summary>How a price reads on the page: "$49.00" once, "$30.00 / month" for a plan.</summary>
public static class PriceLabel
{
    public static string Describe(Money price, BillingInterval? interval) =>
        interval is { } every ? $"{price.Format()} / {Unit(every)}" : price.Format();

    /// <summary>"month", "year": the word after the slash.</summary>
    public static string Unit(BillingInterval interval) => interval switch
    {
        BillingInterval.Day => "day",
        BillingInterval.Week => "week",
        BillingInterval.Month => "month",
        BillingInterval.Year => "year",
    };
}
