namespace Storefront.Web.Features.Experiments;

public enum ExperimentStatus
{
    /// <summary>Being set up: the rule shows as it is, to everyone.</summary>
    Draft = 0,

    /// <summary>Eligible orders are split between the holdout and the variants, and counted.</summary>
    Running = 1,

    /// <summary>Stopped for now: the rule shows as it is and nothing is counted; starting again keeps everyone's arm.</summary>
    Paused = 2,

    /// <summary>Over: the rule shows as it is (or as the promoted variant); the results stay.</summary>
    Ended = 3,
}

/// <summary>
/// A split test on one upsell or downsell rule: a <see cref="HoldoutPercent"/> of eligible orders sees no offer, the
/// rest see one of the <see cref="Variants"/> by weight. Each customer's arm is a hash (see
/// <see cref="Storefront.Domain.Experiments.ExperimentAssignment"/>), recorded per order in <see cref="EligibleOrder"/>.
/// </summary>
public sealed class Experiment
{
    public long Id { get; init; }

    public long RuleId { get; init; }

    public required string Name { get; set; }

    public int HoldoutPercent { get; set; }

    /// <summary>Revenue per eligible order counts the customer's purchases within this many days after it.</summary>
    public int RevenueWindowDays { get; set; } = 30;

    public ExperimentStatus Status { get; set; }

    public List<ExperimentVariant> Variants { get; init; } = [];

    public long? PromotedVariantId { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime? StartedAt { get; set; }

    public DateTime? EndedAt { get; set; }
}
