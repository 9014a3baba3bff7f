using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;
using Storefront.Web.Features.Offers;

namespace Storefront.Web.Features.Subscriptions;

/// <summary>
/// The one place a plan-change quote reaches an end state (applied or failed) or waits for the customer's payment,
/// whoever learned it first: the plan_changed webhook, a declined payment's webhook, or the reconciler's lookup.
/// A plan offer ends with its quote (a declined one ends failed; the waiting change lives on in My subscription).
/// </summary>
internal static class PlanChangeEnd
{
    public static async Task ApplyAsync(StorefrontDbContext db, PlanChangeQuote quote, CancellationToken cancellationToken)
    {
        QuoteStages.EnsureCanMove(quote.Status, QuoteStatus.Applied);
        quote.Status = QuoteStatus.Applied;
        quote.FailureMessage = null;
        await EndOfferAsync(db, quote, OfferAttemptStatus.Succeeded, null, cancellationToken);
    }

    public static async Task FailAsync(StorefrontDbContext db, PlanChangeQuote quote, string message, CancellationToken cancellationToken)
    {
        QuoteStages.EnsureCanMove(quote.Status, QuoteStatus.Failed);
        quote.Status = QuoteStatus.Failed;
        quote.FailureMessage = message;
        await EndOfferAsync(db, quote, OfferAttemptStatus.Failed, message, cancellationToken);
    }

    /// <summary>
    /// Under prevent_change Dodo declined the charge and left the plan as it was: the change waits for the customer to
    /// pay with another card (a fresh quote) or keep their plan.
    /// </summary>
    public static async Task AwaitPaymentAsync(StorefrontDbContext db, PlanChangeQuote quote, string message, CancellationToken cancellationToken)
    {
        QuoteStages.EnsureCanMove(quote.Status, QuoteStatus.AwaitingPayment);
        quote.Status = QuoteStatus.AwaitingPayment;
        quote.FailureMessage = message;
        await EndOfferAsync(db, quote, OfferAttemptStatus.Failed, message, cancellationToken);
    }

    /// <summary>Sent to Dodo and not yet known to have ended: an answer, a webhook or a lookup will end it.</summary>
    public static bool IsOpen(QuoteStatus status) => status.Stage() is Storefront.Domain.MoneyActions.ClaimStage.Claimed
        or Storefront.Domain.MoneyActions.ClaimStage.Submitted or Storefront.Domain.MoneyActions.ClaimStage.Unknown;

    private static async Task EndOfferAsync(StorefrontDbContext db, PlanChangeQuote quote, OfferAttemptStatus end, string? message, CancellationToken cancellationToken)
    {
        if (quote.OfferAttemptId is not { } attemptId)
        {
            return;
        }

        var attempt = await db.OfferAttempts.FirstOrDefaultAsync(a => a.Id == attemptId, cancellationToken);
        if (attempt is { Status: OfferAttemptStatus.Submitted or OfferAttemptStatus.Charging or OfferAttemptStatus.Unknown })
        {
            attempt.Status = end;
            attempt.FailureMessage = message;
        }
    }
}
