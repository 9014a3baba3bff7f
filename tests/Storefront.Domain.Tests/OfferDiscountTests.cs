using Storefront.Domain.Offers;

namespace Storefront.Domain.Tests;

public sealed class OfferDiscountTests
{
    [Theory]
    [InlineData(1900, 20, 1520)]   // $19.00 less 20%
    [InlineData(5700, 15, 4845)]   // 3 × $19.00 less 15% ($8.55)
    [InlineData(999, 15, 849)]     // 149.85 cents off rounds half up to 150
    [InlineData(10, 25, 7)]        // 2.5 cents off rounds up to 3
    [InlineData(149900, 10, 134910)]
    public void Apply_TakesThePercentageOffTheLine_RoundedHalfUp(long lineMinor, int percent, long expected) =>
        Assert.Equal(expected, OfferDiscount.Apply(new Money(lineMinor, "USD"), percent).Minor);

    [Fact]
    public void Apply_WithoutADiscount_IsTheListPrice() =>
        Assert.Equal(new Money(1900, "EUR"), OfferDiscount.Apply(new Money(1900, "EUR"), null));

    [Theory]
    [InlineData(0)]
    [InlineData(91)]
    public void Problem_OutsideOneToNinety_IsRefused(int percent) =>
        Assert.Contains("1 to 90", OfferDiscount.Problem(percent, offerIsPlan: false));

    [Fact]
    public void Problem_OnAPlan_IsRefused_AndNoDiscountIsFine()
    {
        Assert.NotNull(OfferDiscount.Problem(20, offerIsPlan: true));
        Assert.Null(OfferDiscount.Problem(null, offerIsPlan: true));
        Assert.Null(OfferDiscount.Problem(20, offerIsPlan: false));
    }

    [Fact]
    public void BasisPoints_AreHundredthsOfAPercent() => Assert.Equal(2000, OfferDiscount.BasisPoints(20));
}
