using Storefront.Domain.Experiments;

namespace Storefront.Domain.Tests;

/// <summary>The experiment maths against answers worked by hand and against published t tables.</summary>
public sealed class ExperimentStatisticsTests
{
    [Theory]
    [InlineData(1, 12.7062)]
    [InlineData(4, 2.7764)]
    [InlineData(10, 2.2281)]
    [InlineData(30, 2.0423)]
    [InlineData(1000, 1.9623)]
    public void StudentT_975thPercentile_MatchesTheTable(double degreesOfFreedom, double expected) =>
        Assert.Equal(expected, StudentT.Quantile(0.975, degreesOfFreedom), 4);

    [Fact]
    public void StudentT_IsSymmetric() =>
        Assert.Equal(-StudentT.Quantile(0.9, 7), StudentT.Quantile(0.1, 7), 10);

    [Fact]
    public void Welch_EqualSpreads_WorkedByHand()
    {
        // Means 20 and 10; both sample variances 100; se = √(100/3 + 100/3) = 8.16497;
        // ν = (66.667)² / (2 · 33.333² / 2) = 4; t(0.975, 4) = 2.776445; margin = 22.6697.
        var result = WelchInterval.Compare([10, 20, 30], [0, 10, 20])!;

        Assert.Equal(10, result.Difference, 6);
        Assert.Equal(4, result.DegreesOfFreedom, 6);
        Assert.Equal(10 - 22.6697, result.Low, 3);
        Assert.Equal(10 + 22.6697, result.High, 3);
        Assert.False(result.IsSignificant);
    }

    [Fact]
    public void Welch_UnequalGroups_WorkedByHand()
    {
        // Treatment: 6 orders, three of $10.00 (1000) and three of $12.00 (1200): mean 1100, s² = 12000 (60000 / 5).
        // Control: 11 orders of 0, 100, 0, 100, …, 0: mean 500/11 = 45.455, s² = (5·(100−45.455)² + 6·45.455²)/10 = 2727.27.
        // d = 1100 − 45.455 = 1054.545; s₁²/n₁ = 2000, s₂²/n₂ = 247.93; se = √2247.93 = 47.412;
        // ν = 2247.93² / (2000²/5 + 247.93²/10) = 5053189 / 806147 = 6.268;
        // t(0.975, 6.268) ≈ 2.422 (interpolated in 1/ν between the table's 2.4469 at 6 and 2.3646 at 7); margin ≈ 114.85.
        long[] treatment = [1000, 1000, 1000, 1200, 1200, 1200];
        long[] control = [0, 100, 0, 100, 0, 100, 0, 100, 0, 100, 0];

        var result = WelchInterval.Compare(treatment, control)!;

        Assert.Equal(1054.545, result.Difference, 3);
        Assert.Equal(6.268, result.DegreesOfFreedom, 3);
        Assert.InRange(result.Low, 1054.545 - 115.3, 1054.545 - 114.4);
        Assert.InRange(result.High, 1054.545 + 114.4, 1054.545 + 115.3);
        Assert.True(result.IsSignificant);
    }

    [Fact]
    public void Welch_TooFewOrders_HasNoInterval()
    {
        Assert.Null(WelchInterval.Compare([100], [0, 0, 0]));
        Assert.Null(WelchInterval.Compare([100, 200], [0]));
    }

    [Fact]
    public void Welch_NoSpread_IsExact()
    {
        var result = WelchInterval.Compare([500, 500], [0, 0, 0])!;

        Assert.Equal(500, result.Low);
        Assert.Equal(500, result.High);
        Assert.True(result.IsSignificant);
    }
}
