using Storefront.Domain;
using Storefront.Domain.Catalog;

namespace Storefront.Domain.Tests;

public sealed class PriceLabelTests
{
    [Fact]
    public void Describe_MonthlyPlan_ShowsPricePerMonth()
    {
        Assert.Equal("$30.00 / month", PriceLabel.Describe(new Money(3000, "USD"), BillingInterval.Month));
    }

    [Fact]
    public void Describe_OneTimeProduct_ShowsThePriceAlone()
    {
        Assert.Equal("$49.00", PriceLabel.Describe(new Money(4900, "USD"), null));
    }
}
