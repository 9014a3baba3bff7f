using Storefront.Domain.MoneyActions;

namespace Storefront.Domain.Tests;

public sealed class ClaimedActionTests
{
    private static readonly ReconcileTimings Timings = new(TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromHours(24));
    private static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(ClaimStage.Open, ClaimStage.Claimed)]
    [InlineData(ClaimStage.Open, ClaimStage.Submitted)] // handed to Dodo's checkout page
    [InlineData(ClaimStage.Claimed, ClaimStage.Submitted)]
    [InlineData(ClaimStage.Claimed, ClaimStage.Unknown)]
    [InlineData(ClaimStage.Unknown, ClaimStage.Submitted)]
    [InlineData(ClaimStage.Unknown, ClaimStage.Ended)]
    [InlineData(ClaimStage.Submitted, ClaimStage.AwaitingCustomer)]
    [InlineData(ClaimStage.AwaitingCustomer, ClaimStage.Ended)]
    public void AllowedMoves(ClaimStage from, ClaimStage to) => Assert.True(ClaimedAction.CanMove(from, to));

    [Theory]
    [InlineData(ClaimStage.Claimed, ClaimStage.Open)] // a claim is never released: a second click could charge again
    [InlineData(ClaimStage.Submitted, ClaimStage.Claimed)]
    [InlineData(ClaimStage.Submitted, ClaimStage.Unknown)]
    [InlineData(ClaimStage.Ended, ClaimStage.Submitted)]
    [InlineData(ClaimStage.Ended, ClaimStage.Open)]
    [InlineData(ClaimStage.Open, ClaimStage.Unknown)] // nothing is sent without a claim
    public void RefusedMoves(ClaimStage from, ClaimStage to) => Assert.False(ClaimedAction.CanMove(from, to));

    [Fact]
    public void Unknown_IsLookedUpAtOnce() => Assert.True(ClaimedAction.IsDue(ClaimStage.Unknown, Now, Now, Timings));

    [Fact]
    public void Claimed_IsLookedUpOnlyOnceItsRequestMustHaveTimedOut()
    {
        Assert.False(ClaimedAction.IsDue(ClaimStage.Claimed, Now.AddSeconds(-44), Now, Timings));
        Assert.True(ClaimedAction.IsDue(ClaimStage.Claimed, Now.AddSeconds(-46), Now, Timings));
    }

    [Fact]
    public void Submitted_IsLookedUpOnceItsWebhookIsLate()
    {
        Assert.False(ClaimedAction.IsDue(ClaimStage.Submitted, Now.AddSeconds(-59), Now, Timings));
        Assert.True(ClaimedAction.IsDue(ClaimStage.Submitted, Now.AddSeconds(-61), Now, Timings));
    }

    [Fact]
    public void AwaitingTheCustomer_IsLeftToThemUntilAbandoned()
    {
        Assert.False(ClaimedAction.IsDue(ClaimStage.AwaitingCustomer, Now.AddHours(-23), Now, Timings));
        Assert.True(ClaimedAction.IsDue(ClaimStage.AwaitingCustomer, Now.AddHours(-25), Now, Timings));
    }

    [Fact]
    public void OpenAndEnded_AreNeverLookedUp()
    {
        Assert.False(ClaimedAction.IsDue(ClaimStage.Open, Now.AddDays(-1), Now, Timings));
        Assert.False(ClaimedAction.IsDue(ClaimStage.Ended, Now.AddDays(-1), Now, Timings));
    }

    [Fact]
    public void NothingFound_MeansNothingHappened_ForAClaimOrUnknown_AfterTheGiveUpWindow()
    {
        Assert.False(ClaimedAction.MayConcludeNothingHappened(ClaimStage.Unknown, Now.AddSeconds(-119), Now, Timings, SubmittedEffect.WaitsForCustomer));
        Assert.True(ClaimedAction.MayConcludeNothingHappened(ClaimStage.Unknown, Now.AddSeconds(-120), Now, Timings, SubmittedEffect.WaitsForCustomer));
        Assert.True(ClaimedAction.MayConcludeNothingHappened(ClaimStage.Claimed, Now.AddHours(-1), Now, Timings, SubmittedEffect.WaitsForCustomer));
        Assert.False(ClaimedAction.MayConcludeNothingHappened(ClaimStage.AwaitingCustomer, Now.AddDays(-1), Now, Timings, SubmittedEffect.ShowsAtOnce));
    }

    [Fact]
    public void NothingFound_ForASubmittedRequest_ProvesNothingOnlyWhenItsEffectShowsAtOnce()
    {
        Assert.False(ClaimedAction.MayConcludeNothingHappened(ClaimStage.Submitted, Now.AddDays(-1), Now, Timings, SubmittedEffect.WaitsForCustomer));
        Assert.True(ClaimedAction.MayConcludeNothingHappened(ClaimStage.Submitted, Now.AddSeconds(-121), Now, Timings, SubmittedEffect.ShowsAtOnce));
        Assert.False(ClaimedAction.MayConcludeNothingHappened(ClaimStage.Submitted, Now.AddSeconds(-61), Now, Timings, SubmittedEffect.ShowsAtOnce));
    }

    [Fact]
    public void Cutoffs_AreNowLessEachWait()
    {
        var (staleBefore, lateBefore, abandonedBefore) = Timings.Cutoffs(Now);
        Assert.Equal(Now.AddSeconds(-45), staleBefore);
        Assert.Equal(Now.AddSeconds(-60), lateBefore);
        Assert.Equal(Now.AddHours(-24), abandonedBefore);
    }
}
