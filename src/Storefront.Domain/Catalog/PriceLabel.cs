namespace Storefront.Domain.Catalog;

/// <summary>How a price reads on the page: "$49.00" once, "$30.00 / month" for a plan.</summary>
public static class PriceLabel
{
    public static string Describe(Money price, BillingInterval? interval) => interval switch
    {
        null => price.Format(),
        BillingInterval.Day => price.Format() + " / day",
        BillingInterval.Week => price.Format() + " / week",
        BillingInterval.Month => price.Format() + " / month",
        BillingInterval.Year => price.Format() + " / year",
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, "Unknown billing interval."),
    };
}
