namespace Storefront.Web.Features.Usage;

/// <summary>"On <see cref="FromPlanProductId"/>, at <see cref="ThresholdPercent"/>% of the <see cref="Metric"/> limit, offer <see cref="ToPlanProductId"/>."</summary>
public sealed class UsageUpgradeRule
{
    public long Id { get; init; }

    public required string FromPlanProductId { get; init; }

    public required string ToPlanProductId { get; init; }

    public required string Metric { get; init; }

    public int ThresholdPercent { get; init; }

    public required string Headline { get; init; }

    public DateTime CreatedAt { get; init; }
}
