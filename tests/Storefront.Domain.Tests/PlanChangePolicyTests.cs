using Storefront.Domain.Plans;

namespace Storefront.Domain.Tests;

public sealed class PlanChangePolicyTests
{
    [Fact]
    public void Defaults_UpgradePaysDifferenceNowAndKeepsOldPlanOnFailure()
    {
        var (mode, timing, onFailure) = new PlanChangePolicy().For(PlanChangeDirection.Upgrade);

        Assert.Equal((ProrationMode.DifferenceImmediately, ChangeTiming.Immediately, PaymentFailureBehaviour.PreventChange), (mode, timing, onFailure));
    }

    [Fact]
    public void Defaults_DowngradeIsDifferenceNow()
    {
        var (mode, timing, _) = new PlanChangePolicy().For(PlanChangeDirection.Downgrade);

        Assert.Equal((ProrationMode.DifferenceImmediately, ChangeTiming.Immediately), (mode, timing));
    }

    [Fact]
    public void For_DowngradeAtNextBillingDate_UsesTheAdminsTiming()
    {
        var policy = new PlanChangePolicy(DowngradeTiming: ChangeTiming.NextBillingDate);

        Assert.Equal(ChangeTiming.NextBillingDate, policy.For(PlanChangeDirection.Downgrade).Timing);
        Assert.Equal(ChangeTiming.Immediately, policy.For(PlanChangeDirection.Upgrade).Timing);
    }

    [Theory]
    [InlineData(3000, 8000, PlanChangeDirection.Upgrade)]
    [InlineData(8000, 3000, PlanChangeDirection.Downgrade)]
    [InlineData(3000, 3000, PlanChangeDirection.Downgrade)]
    public void DirectionOf_ComparesRecurringPrices(long from, long to, PlanChangeDirection expected)
    {
        Assert.Equal(expected, PlanChangePolicy.DirectionOf(from, to));
    }

    [Theory]
    [InlineData(ProrationMode.ProratedImmediately, "prorated_immediately")]
    [InlineData(ProrationMode.DoNotBill, "do_not_bill")]
    public void WireName_MatchesDodosEnum(ProrationMode mode, string wire)
    {
        Assert.Equal(wire, PlanChangeText.WireName(mode));
    }
}
