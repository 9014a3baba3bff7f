namespace Storefront.Domain.MoneyActions;

/// <summary>Where one money-moving request stands (an offer's one-click charge, a plan change).</summary>
public enum ClaimStage
{
    /// <summary>Shown or quoted; nothing sent. Any number of clicks may race to claim it.</summary>
    Open = 0,

    /// <summary>Claimed by exactly one click; its single request is on its way (or the process stopped before it left).</summary>
    Claimed = 1,

    /// <summary>Dodo took the request; its webhook (or a lookup) will say how it ended.</summary>
    Submitted = 2,

    /// <summary>No answer, a timeout or a server error: Dodo may have acted. Settled by lookup, never by sending again.</summary>
    Unknown = 3,

    /// <summary>Waiting for the customer before Dodo can finish (the bank's confirmation, a new card).</summary>
    AwaitingCustomer = 4,

    /// <summary>Succeeded, failed, declined or replaced: nothing moves it any more.</summary>
    Ended = 5,
}

/// <summary>
/// The one state machine for claimed money actions. Offer attempts and plan-change quotes keep their own words for
/// their states (<c>Charging</c>, <c>Confirming</c>, …) and map them to a <see cref="ClaimStage"/>; which moves are
/// allowed, and when the reconciler looks an action up or gives up on it, is decided here for both.
/// </summary>
public static class ClaimedAction
{
    /// <summary>
    /// Whether an action may move from one stage to another. An answer that arrives late may finish an Unknown action,
    /// and a webhook may end an action whose request is still on its way; nothing leaves Ended, and nothing goes back
    /// to Open once claimed (a claim is never released, so a click can never charge twice). Handing the customer to
    /// Dodo's checkout page claims and submits in one step: nothing is charged until they pay there.
    /// </summary>
    public static bool CanMove(ClaimStage from, ClaimStage to) => (from, to) switch
    {
        (ClaimStage.Open, ClaimStage.Claimed or ClaimStage.Submitted or ClaimStage.Ended) => true,
        (ClaimStage.Claimed, ClaimStage.Submitted or ClaimStage.Unknown or ClaimStage.AwaitingCustomer or ClaimStage.Ended) => true,
        (ClaimStage.Submitted, ClaimStage.AwaitingCustomer or ClaimStage.Ended) => true,
        (ClaimStage.Unknown, ClaimStage.Submitted or ClaimStage.AwaitingCustomer or ClaimStage.Ended) => true,
        (ClaimStage.AwaitingCustomer, ClaimStage.Submitted or ClaimStage.Ended) => true,
        (ClaimStage.Open or ClaimStage.Claimed or ClaimStage.Submitted or ClaimStage.Unknown or ClaimStage.AwaitingCustomer or ClaimStage.Ended, _) => false,
    };

    /// <summary>True while the action may still move money or be settled: everything between the claim and its end.</summary>
    public static bool IsUnderWay(ClaimStage stage) => stage is ClaimStage.Claimed or ClaimStage.Submitted or ClaimStage.Unknown or ClaimStage.AwaitingCustomer;

    /// <summary>
    /// Whether the reconciler should look the action up now: an Unknown one at once; a Claimed one once its request
    /// must have timed out (or its process stopped); a Submitted one once its webhook is late. An action waiting
    /// for the customer is left to them until the abandon window has passed.
    /// </summary>
    public static bool IsDue(ClaimStage stage, DateTime since, DateTime now, ReconcileTimings timings) => stage switch
    {
        ClaimStage.Unknown => true,
        ClaimStage.Claimed => since < now - timings.StaleAfter,
        ClaimStage.Submitted => since < now - timings.WebhookLateAfter,
        ClaimStage.AwaitingCustomer => since < now - timings.AbandonAfter,
        ClaimStage.Open or ClaimStage.Ended => false,
    };

    /// <summary>
    /// Whether a lookup that found nothing at Dodo proves nothing was done, once the give-up window has passed: for a
    /// claim (its request may never have left) and an unknown answer, always; for a submitted request only when its
    /// effect shows at once (a plan change), never when it waits on the customer (a checkout page, the bank's step).
    /// </summary>
    public static bool MayConcludeNothingHappened(ClaimStage stage, DateTime since, DateTime now, ReconcileTimings timings, SubmittedEffect effect) =>
        now - since >= timings.GiveUpAfter
        && (stage is ClaimStage.Claimed or ClaimStage.Unknown || (stage == ClaimStage.Submitted && effect == SubmittedEffect.ShowsAtOnce));
}

/// <summary>What a lookup of a submitted request can see.</summary>
public enum SubmittedEffect
{
    /// <summary>Dodo acts on the request at once (change-plan): a lookup shows the change or its payment.</summary>
    ShowsAtOnce = 0,

    /// <summary>Dodo waits for the customer (its checkout page): finding nothing proves nothing yet.</summary>
    WaitsForCustomer = 1,
}

/// <summary>
/// How long the reconciler waits before looking an action up, before concluding Dodo did nothing, and before an
/// action left waiting for the customer counts as abandoned.
/// </summary>
public sealed record ReconcileTimings(TimeSpan StaleAfter, TimeSpan WebhookLateAfter, TimeSpan GiveUpAfter, TimeSpan AbandonAfter)
{
    /// <summary>Actions claimed, submitted or waiting since before these moments are due (see <see cref="ClaimedAction.IsDue"/>).</summary>
    public (DateTime StaleBefore, DateTime LateBefore, DateTime AbandonedBefore) Cutoffs(DateTime now) =>
        (now - StaleAfter, now - WebhookLateAfter, now - AbandonAfter);
}
