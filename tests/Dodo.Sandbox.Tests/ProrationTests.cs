using Dodo.Sandbox.Billing;

namespace Dodo.Sandbox.Tests;

/// <summary>The README §11 running example: Basic $30, Pro $80, Sep 1 → Oct 1, change on Sep 16 (15 of 30 days left).</summary>
public sealed class ProrationTests
{
    private static readonly DateTime Start = new(2026, 9, 1, 9, 30, 0, DateTimeKind.Utc);
    private static readonly DateTime End = new(2026, 10, 1, 9, 30, 0, DateTimeKind.Utc);
    private static readonly DateTime Sep16 = new(2026, 9, 16, 9, 30, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("prorated_immediately", 3000, 8000, 2500, -1500, 0)]
    [InlineData("prorated_immediately", 8000, 3000, 0, 2500, 2500)]
    [InlineData("difference_immediately", 3000, 8000, 5000, -3000, 0)]
    [InlineData("difference_immediately", 8000, 3000, 0, 5000, 5000)]
    [InlineData("full_immediately", 3000, 8000, 8000, 0, 0)]
    [InlineData("full_immediately", 8000, 3000, 3000, 0, 0)]
    [InlineData("do_not_bill", 3000, 8000, 0, 0, 0)]
    public void Calculate_ReadmeExample_GivesTheDocumentedNumbers(string mode, long from, long to, long total, long credits, long creditAfter)
    {
        var result = Proration.Calculate(new Proration.Input(mode, from, to, 1, 0, Start, End, Sep16));

        Assert.Equal((total, credits, creditAfter), (result.TotalAmount, result.CustomerCredits, result.CreditAfter));
    }

    [Fact]
    public void Calculate_UpgradeWithExistingCredit_UsesTheCreditFirst()
    {
        var result = Proration.Calculate(new Proration.Input("difference_immediately", 3000, 8000, 1, 2000, Start, End, Sep16));

        Assert.Equal((3000L, -5000L, 0L), (result.TotalAmount, result.CustomerCredits, result.CreditAfter));
    }

    [Fact]
    public void Calculate_SameDayLaterHour_GivesTheSameProratedAmount()
    {
        var morning = Proration.Calculate(new Proration.Input("prorated_immediately", 3000, 8000, 1, 0, Start, End, Sep16.Date.AddHours(1)));
        var evening = Proration.Calculate(new Proration.Input("prorated_immediately", 3000, 8000, 1, 0, Start, End, Sep16.Date.AddHours(23)));

        Assert.Equal(morning.TotalAmount, evening.TotalAmount);
    }

    [Fact]
    public void Calculate_OddAmount_RoundsHalfUpToMinorUnits()
    {
        // 999 × 15/30 = 499.5 → 500.
        var result = Proration.Calculate(new Proration.Input("prorated_immediately", 0, 999, 1, 0, Start, End, Sep16));

        Assert.Equal(500, result.TotalAmount);
    }
}
