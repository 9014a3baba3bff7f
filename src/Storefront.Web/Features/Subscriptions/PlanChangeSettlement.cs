using Dodo.Payments;
using Dodo.Payments.Models;
using Dodo.Payments.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Domain.Plans;
using Storefront.Web.Data;
using Storefront.Web.Features.Orders;
using Storefront.Web.Features.Reconciliation;

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
    OrderNotifier notifier,
    IOptions<ReconcilerOptions> options,
    TimeProvider clock,
    ILogger<PlanChangeSettlement> logger)
{
    public const string NotChangedMessage = "Dodo did not change the plan. Nothing was charged.";

    public async Task<IReadOnlyList<Guid>> DueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = now - options.Value.StaleAfter;
        var late = now - options.Value.WebhookLateAfter;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.PlanChangeQuotes.AsNoTracking()
            .Where(q => q.Status == QuoteStatus.Unknown
                || (q.Status == QuoteStatus.Confirming && q.SubmittedAt < stale)
                || (q.Status == QuoteStatus.Submitted && q.SubmittedAt < late))
            .OrderBy(q => q.SubmittedAt).Select(q => q.Id).Take(100).ToListAsync(cancellationToken);
    }

    /// <summary>True when the quote reached an end state.</summary>
    public async Task<bool> SettleAsync(Guid quoteId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var quote = await db.PlanChangeQuotes.AsNoTracking().FirstOrDefaultAsync(q => q.Id == quoteId, cancellationToken);
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
            await EndAsync(quoteId, "The payment for the plan change was declined. Your plan is unchanged.", cancellationToken);
            return true;
        }

        if (payment is not null || clock.GetUtcNow().UtcDateTime - (quote.SubmittedAt ?? quote.CreatedAt) < options.Value.GiveUpAfter)
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
        if (PlanChangeEnd.IsOpen(quote.Status))
        {
            await (message is null ? PlanChangeEnd.ApplyAsync(db, quote, cancellationToken) : PlanChangeEnd.FailAsync(db, quote, message, cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
        }

        await notifier.NotifyAsync(quote.UserId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plan change {QuoteId} ({Status}): no change and no payment at Dodo within the give-up window; closed")]
    private static partial void LogGaveUp(ILogger logger, Guid quoteId, QuoteStatus status);
}
