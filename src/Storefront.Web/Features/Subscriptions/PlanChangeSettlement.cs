using Dodo.Payments;
using Dodo.Payments.Models;
using Dodo.Payments.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Domain.MoneyActions;
using Storefront.Domain.Plans;
using Storefront.Web.Data;
using Storefront.Web.Features.Orders;
using Storefront.Web.Features.Reconciliation;
using Storefront.Web.Features.Live;

namespace Storefront.Web.Features.Subscriptions;

/// <summary>
/// Ends a confirmed plan change whose outcome is not known, by looking the subscription up at Dodo (change-plan
/// answers with no body): a lost answer (Unknown), a claim whose process stopped (Confirming, stale), or a change whose
/// webhook is late (Submitted). The subscription on the target plan (or with it scheduled) means applied; a declined
/// payment for the quote means failed; nothing after the give-up window means Dodo made no change and took nothing.
/// </summary>
public sealed partial class PlanChangeSettlement(
    IDbContextFactory<StorefrontDbContext> dbFactory,
    DodoClient dodo,
    SubscriptionOutcomes subscriptions,
    PaymentOutcomes outcomes,
    CustomerChanges notifier,
    IOptions<ReconcilerOptions> options,
    TimeProvider clock,
    ILogger<PlanChangeSettlement> logger) : IMoneySettlement
{
    public string What => "plan change";

    public const string NotChangedMessage = "Dodo did not change the plan. Nothing was charged.";

    public const string AbandonedMessage = "The plan change wasn't paid, so your plan stayed as it was.";

    /// <summary>Quotes the claimed-action state machine says to look up now (<see cref="ClaimedAction.IsDue"/>).</summary>
    public async Task<IReadOnlyList<Guid>> DueAsync(CancellationToken cancellationToken)
    {
        var (staleBefore, lateBefore, abandonedBefore) = options.Value.Timings.Cutoffs(clock.GetUtcNow().UtcDateTime);
        var (unknown, claimed, submitted, waiting) =
            (QuoteStages.At(ClaimStage.Unknown), QuoteStages.At(ClaimStage.Claimed), QuoteStages.At(ClaimStage.Submitted), QuoteStages.At(ClaimStage.AwaitingCustomer));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.PlanChangeQuotes.AsNoTracking()
            .Where(q => unknown.Contains(q.Status)
                || (claimed.Contains(q.Status) && q.SubmittedAt < staleBefore)
                || (submitted.Contains(q.Status) && q.SubmittedAt < lateBefore)
                || (waiting.Contains(q.Status) && q.SubmittedAt < abandonedBefore))
            .OrderBy(q => q.SubmittedAt).Select(q => q.Id).Take(100).ToListAsync(cancellationToken);
    }

    /// <summary>True when the quote reached an end state.</summary>
    public async Task<bool> SettleAsync(Guid quoteId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var quote = await db.PlanChangeQuotes.AsNoTracking().FirstOrDefaultAsync(q => q.Id == quoteId, cancellationToken);
        if (quote is { Status: QuoteStatus.AwaitingPayment })
        {
            // Left waiting for the customer past the abandon window: Dodo never changed the plan.
            await EndAsync(quoteId, AbandonedMessage, cancellationToken);
            return true;
        }

        if (quote is null || !PlanChangeEnd.IsOpen(quote.Status))
        {
            return quote is not null;
        }

        var subscription = await dodo.GetSubscriptionAsync(quote.DodoSubscriptionId, cancellationToken);
        var changed = subscription.ProductId == quote.TargetDodoProductId
            || (quote.Timing == ChangeTiming.NextBillingDate && subscription.ScheduledChange?.ProductId == quote.TargetDodoProductId);
        if (changed)
        {
            // Applied as the webhook would apply it (the subscription's latest state, now).
            await subscriptions.ApplyAsync(WebhookEventTypes.SubscriptionPlanChanged, subscription, clock.GetUtcNow().UtcDateTime, cancellationToken);
            await EndAsync(quoteId, message: null, cancellationToken);
            return true;
        }

        var payments = await dodo.ListPaymentsAsync(new PaymentListQuery { SubscriptionId = quote.DodoSubscriptionId, CreatedAtGte = (quote.SubmittedAt ?? quote.CreatedAt).AddMinutes(-5), PageSize = 100 }, cancellationToken);
        var payment = payments.Items.FirstOrDefault(p => p.Metadata?.GetValueOrDefault(PlanChangeService.QuoteIdKey) == quoteId.ToString());
        if (payment is { Status: PaymentStatus.Failed or PaymentStatus.Cancelled })
        {
            // Applied as its webhook would be: under prevent_change the change now waits for the customer's payment.
            await outcomes.ApplyAsync(await dodo.GetPaymentAsync(payment.PaymentId, cancellationToken), cancellationToken);
            return true;
        }

        var since = quote.SubmittedAt ?? quote.CreatedAt;
        if (payment is not null || !ClaimedAction.MayConcludeNothingHappened(
                quote.Status.Stage(), since, clock.GetUtcNow().UtcDateTime, options.Value.Timings, SubmittedEffect.ShowsAtOnce))
        {
            return false; // charged or still being charged: the change follows; look again later
        }

        LogGaveUp(logger, quoteId, quote.Status);
        await EndAsync(quoteId, NotChangedMessage, cancellationToken);
        return true;
    }

    private async Task EndAsync(Guid quoteId, string? message, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var quote = await db.PlanChangeQuotes.SingleAsync(q => q.Id == quoteId, cancellationToken);
        if (PlanChangeEnd.IsOpen(quote.Status) || quote.Status == QuoteStatus.AwaitingPayment)
        {
            await (message is null ? PlanChangeEnd.ApplyAsync(db, quote, cancellationToken) : PlanChangeEnd.FailAsync(db, quote, message, cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
        }

        await notifier.NotifyAsync(quote.UserId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plan change {QuoteId} ({Status}): no change and no payment at Dodo within the give-up window; closed")]
    private static partial void LogGaveUp(ILogger logger, Guid quoteId, QuoteStatus status);
}
