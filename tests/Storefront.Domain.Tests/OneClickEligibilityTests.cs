using Storefront.Domain.Payments;

namespace Storefront.Domain.Tests;

public sealed class OneClickEligibilityTests
{
    private static readonly DateTime Now = new(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Choose_ExpiredCardFirst_SkipsItForAValidOne()
    {
        var expired = new SavedCard("pm_old", "VISA", "1111", 10, 2026, true, "US");
        var valid = new SavedCard("pm_new", "VISA", "4242", 6, 2032, true, "US");

        Assert.Equal(valid, OneClickEligibility.Choose([expired, valid], "USD", Now));
    }

    [Fact]
    public void Choose_CardValidThroughTheEndOfItsExpiryMonth()
    {
        var thisMonth = new SavedCard("pm_1", "VISA", "4242", 11, 2026, true, "US");

        Assert.Equal(thisMonth, OneClickEligibility.Choose([thisMonth], "USD", Now));
    }

    [Fact]
    public void Choose_IndianCardForADollarOffer_IsNotOffered()
    {
        var rupeeCard = new SavedCard("pm_in", "VISA", "1450", 6, 2032, true, "IN");

        Assert.Null(OneClickEligibility.Choose([rupeeCard], "USD", Now));
        Assert.Equal(rupeeCard, OneClickEligibility.Choose([rupeeCard], "INR", Now));
    }

    [Fact]
    public void Choose_CardNotEnabledForOffSessionCharges_IsNotOffered()
    {
        Assert.Null(OneClickEligibility.Choose([new SavedCard("pm_x", "MASTERCARD", "4444", 11, 2027, false, "US")], "USD", Now));
    }
}
