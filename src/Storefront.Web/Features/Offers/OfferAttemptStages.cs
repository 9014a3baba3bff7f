using Storefront.Domain.MoneyActions;

namespace Storefront.Web.Features.Offers;

/// <summary>An offer attempt's states on the claimed-action state machine (<see cref="ClaimedAction"/>).</summary>
public static class OfferAttemptStages
{
    public static ClaimStage Stage(this OfferAttemptStatus status) => status switch
    {
        OfferAttemptStatus.Shown => ClaimStage.Open,
        OfferAttemptStatus.Charging => ClaimStage.Claimed,
        OfferAttemptStatus.Submitted => ClaimStage.Submitted,
        OfferAttemptStatus.Unknown => ClaimStage.Unknown,
        OfferAttemptStatus.Declined or OfferAttemptStatus.Succeeded or OfferAttemptStatus.Failed or OfferAttemptStatus.Withdrawn
            or OfferAttemptStatus.Expired => ClaimStage.Ended,
    };

    /// <summary>The statuses at a stage, for queries (the database stores the status, not the stage).</summary>
    public static IReadOnlyList<OfferAttemptStatus> At(ClaimStage stage) =>
        Enum.GetValues<OfferAttemptStatus>().Where(s => s.Stage() == stage).ToList();

    /// <summary>Refuses a move the state machine does not allow: a bug, never a customer's doing.</summary>
    public static void EnsureCanMove(OfferAttemptStatus from, OfferAttemptStatus to)
    {
        if (!ClaimedAction.CanMove(from.Stage(), to.Stage()))
        {
            throw new InvalidOperationException($"An offer attempt cannot move from {from} to {to}.");
        }
    }
}
