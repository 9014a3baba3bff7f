using Storefront.Domain;
using Storefront.Domain.Experiments;
using Storefront.Web.Features.Experiments;

namespace Storefront.Web.Features.Admin.Experiments;

/// <summary>The plain words an owner reads beside an experiment's numbers.</summary>
public static class ExperimentWords
{
    public static string Status(ExperimentStatus status) => status switch
    {
        ExperimentStatus.Draft => "Draft",
        ExperimentStatus.Running => "Running",
        ExperimentStatus.Paused => "Paused",
        ExperimentStatus.Ended => "Ended",
    };

    /// <summary>"+$5.00 per eligible order (95% CI -$1.20 to +$11.20)".</summary>
    public static string Incremental(ArmResult arm) => arm.Incremental is not { } d ? "—"
        : $"{Signed(arm.AsMoney(d.Difference))} per eligible order (95% CI {Signed(arm.AsMoney(d.Low))} to {Signed(arm.AsMoney(d.High))})";

    public static string Reading(ArmResult arm) => arm.Reading switch
    {
        ExperimentReading.NotEnoughData =>
            $"Not enough data yet: this variant and the holdout each need at least {WelchInterval.MinimumPerGroup} eligible orders.",
        ExperimentReading.NotYetSignificant =>
            "Not yet significant: the interval includes zero, so this variant may add nothing. Keep the experiment running.",
        ExperimentReading.AddsRevenue =>
            $"Adds revenue: with 95% confidence, between {Signed(arm.AsMoney(arm.Incremental!.Low))} and {Signed(arm.AsMoney(arm.Incremental.High))} per eligible order against no offer.",
        ExperimentReading.LosesRevenue =>
            $"Loses revenue: with 95% confidence, between {Signed(arm.AsMoney(arm.Incremental!.Low))} and {Signed(arm.AsMoney(arm.Incremental.High))} per eligible order against no offer.",
    };

    private static string Signed(Money money) => money.Minor > 0 ? "+" + money.Format() : money.Format();
}
