using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;
using Storefront.Web.Features.Offers;

namespace Storefront.Web.Features.Subscriptions;

/// <summary>
/// The one place a plan-change quote reaches an end state (applied or failed), whoever learned it first: the
/// plan_changed webhook, a declined payment's webhook, or the reconciler's lookup. A plan offer ends with its quote.
/// </summary>
internal static class PlanChangeEnd
{
    public static async Task ApplyAsync(StorefrontDbContext db, PlanChangeQuote quote, CancellationToken cancellationToken)
    {
        quote.Status = QuoteStatus.Applied;
        quote.FailureMessage = null;
        await EndOfferAsync(db, quote, OfferAttemptStatus.Succeeded, null, cancellationToken);
    }

    public static async Task FailAsync(StorefrontDbContext db, PlanChangeQuote quote, string message, CancellationToken cancellationToken)
    {
        quote.Status = QuoteStatus.Failed;
        quote.FailureMessage = message;
        await EndOfferAsync(db, quote, OfferAttemptStatus.Failed, message, cancellationToken);
    }

    public static bool IsOpen(QuoteStatus status) => status is QuoteStatus.Confirming or QuoteStatus.Submitted or QuoteStatus.Unknown;

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
