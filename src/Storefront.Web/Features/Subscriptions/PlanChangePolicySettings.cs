using Storefront.Domain.Plans;

namespace Storefront.Web.Features.Subscriptions;

/// <summary>The admin-set plan-change policy: a single row (Id 1); absent means the defaults.</summary>
public sealed class PlanChangePolicySettings
{
    public int Id { get; init; } = 1;

    public ProrationMode UpgradeMode { get; set; } = ProrationMode.DifferenceImmediately;

    public PaymentFailureBehaviour UpgradeOnFailure { get; set; } = PaymentFailureBehaviour.PreventChange;

    public ProrationMode DowngradeMode { get; set; } = ProrationMode.DifferenceImmediately;

    public ChangeTiming DowngradeTiming { get; set; } = ChangeTiming.Immediately;

    public PaymentFailureBehaviour DowngradeOnFailure { get; set; } = PaymentFailureBehaviour.PreventChange;

    public DateTime UpdatedAt { get; set; }

    public PlanChangePolicy ToDomain() => new(UpgradeMode, UpgradeOnFailure, DowngradeMode, DowngradeTiming, DowngradeOnFailure);
}
