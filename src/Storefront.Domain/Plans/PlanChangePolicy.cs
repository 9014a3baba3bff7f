namespace Storefront.Domain.Plans;

/// <summary>Dodo's proration modes (wire names in <see cref="PlanChangeText"/>).</summary>
public enum ProrationMode
{
    ProratedImmediately = 0,
    FullImmediately = 1,
    DifferenceImmediately = 2,
    DoNotBill = 3,
}

public enum ChangeTiming
{
    Immediately = 0,
    NextBillingDate = 1,
}

public enum PaymentFailureBehaviour
{
    /// <summary>Keep the old plan when the charge fails.</summary>
    PreventChange = 0,

    /// <summary>Switch anyway; the subscription goes on hold until paid.</summary>
    ApplyChange = 1,
}

public enum PlanChangeDirection
{
    Upgrade = 0,
    Downgrade = 1,
}

/// <summary>How the store changes plans, set by an admin. By default upgrades and downgrades use difference_immediately,
/// now, and an upgrade whose charge fails keeps the old plan (prevent_change) until the customer pays or gives up.</summary>
public sealed record PlanChangePolicy(
    ProrationMode UpgradeMode = ProrationMode.DifferenceImmediately,
    PaymentFailureBehaviour UpgradeOnFailure = PaymentFailureBehaviour.PreventChange,
    ProrationMode DowngradeMode = ProrationMode.DifferenceImmediately,
    ChangeTiming DowngradeTiming = ChangeTiming.Immediately,
    PaymentFailureBehaviour DowngradeOnFailure = PaymentFailureBehaviour.PreventChange)
{
    /// <summary>A move to a plan with a higher recurring price is an upgrade; anything else is a downgrade.</summary>
    public static PlanChangeDirection DirectionOf(long currentRecurring, long targetRecurring) =>
        targetRecurring > currentRecurring ? PlanChangeDirection.Upgrade : PlanChangeDirection.Downgrade;

    public (ProrationMode Mode, ChangeTiming Timing, PaymentFailureBehaviour OnFailure) For(PlanChangeDirection direction) => direction switch
    {
        PlanChangeDirection.Upgrade => (UpgradeMode, ChangeTiming.Immediately, UpgradeOnFailure),
        PlanChangeDirection.Downgrade => (DowngradeMode, DowngradeTiming, DowngradeOnFailure),
    };
}
