using Storefront.Domain.MoneyActions;

namespace Storefront.Web.Features.Subscriptions;

/// <summary>A plan-change quote's states on the claimed-action state machine (<see cref="ClaimedAction"/>).</summary>
public static class QuoteStages
{
    public static ClaimStage Stage(this QuoteStatus status) => status switch
    {
        QuoteStatus.Quoted => ClaimStage.Open,
        QuoteStatus.Confirming => ClaimStage.Claimed,
        QuoteStatus.Submitted => ClaimStage.Submitted,
        QuoteStatus.Unknown => ClaimStage.Unknown,
        QuoteStatus.AwaitingPayment => ClaimStage.AwaitingCustomer,
        QuoteStatus.Applied or QuoteStatus.Failed or QuoteStatus.Superseded => ClaimStage.Ended,
    };

    /// <summary>The statuses at a stage, for queries (the database stores the status, not the stage).</summary>
    public static IReadOnlyList<QuoteStatus> At(ClaimStage stage) =>
        Enum.GetValues<QuoteStatus>().Where(s => s.Stage() == stage).ToList();

    /// <summary>Refuses a move the state machine does not allow: a bug, never a customer's doing.</summary>
    public static void EnsureCanMove(QuoteStatus from, QuoteStatus to)
    {
        if (!ClaimedAction.CanMove(from.Stage(), to.Stage()))
        {
            throw new InvalidOperationException($"A plan-change quote cannot move from {from} to {to}.");
        }
    }
}
