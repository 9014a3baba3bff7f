using Dodo.Payments;
using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Storefront.Domain;
using Storefront.Domain.Catalog;
using Storefront.Domain.Plans;
using Storefront.Web.Data;
using Storefront.Web.Features.Catalog;
using Storefront.Web.Features.Offers;
using Storefront.Web.Features.Orders;
using Storefront.Web.Features.Payments;
using Storefront.Web.Features.Live;

namespace Storefront.Web.Features.Subscriptions;

/// <summary>
/// Plan upgrades and downgrades: a quote is Dodo's preview for the policy's mode; confirming re-asks Dodo and, if
/// the numbers still match, calls change-plan once with the same parameters. The UI never computes a charge.
/// </summary>
public sealed partial class PlanChangeService(
    IDbContextFactory<StorefrontDbContext> dbFactory,
    DodoClient dodo,
    PlanChangePolicyStore policies,
    Payments.SavedCards cards,
    Payments.DodoCustomerLink customers,
    IChargeFaults faults,
    CustomerChanges notifier,
    TimeProvider clock,
    ILogger<PlanChangeService> logger)
{
    public const string QuoteIdKey = "plan_change_quote_id";

    public const string RefusedMessage = "Dodo couldn't make this change, so your plan is unchanged and nothing was charged.";

    public const string KeptMessage = "You kept your current plan. Nothing was charged.";

    /// <summary>
    /// "Keep my current plan" for a change waiting for payment (prevent_change declined it): it ends, nothing was
    /// charged and Dodo never changed the plan.
    /// </summary>
    public async Task<string> KeepCurrentPlanAsync(string userId, Guid quoteId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var quote = await db.PlanChangeQuotes.FirstOrDefaultAsync(q => q.Id == quoteId && q.UserId == userId && q.Status == QuoteStatus.AwaitingPayment, cancellationToken);
        if (quote is null)
        {
            return "There is no plan change waiting for payment.";
        }

        await PlanChangeEnd.FailAsync(db, quote, KeptMessage, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await notifier.NotifyAsync(userId);
        return KeptMessage;
    }

    public async Task<PlanQuoteView> QuoteAsync(string userId, string subscriptionId, string targetProductId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (subscription, from, to) = await LoadAsync(db, userId, subscriptionId, targetProductId, cancellationToken);
        var direction = PlanChangePolicy.DirectionOf(subscription.RecurringAmountMinor, to.PriceMinor);
        // Ending a free trial early ("start paying now") is a change to the same plan, charged in full today: Dodo
        // ends a trial at any immediate change [DOCnew]; a declined card leaves the trial as it was.
        var (mode, timing, onFailure) = from.Id == to.Id
            ? (ProrationMode.FullImmediately, ChangeTiming.Immediately, PaymentFailureBehaviour.PreventChange)
            : (await policies.GetAsync(cancellationToken)).For(direction);
        var preview = await dodo.PreviewChangePlanAsync(subscriptionId, Request(to.DodoProductId, mode, timing, onFailure, null, null), cancellationToken);

        var quote = new PlanChangeQuote
        {
            UserId = userId, DodoSubscriptionId = subscriptionId, FromDodoProductId = from.DodoProductId, TargetDodoProductId = to.DodoProductId,
            Direction = direction, Mode = mode, Timing = timing, OnFailure = onFailure,
            TotalAmountMinor = preview.ImmediateCharge.Summary.TotalAmount, CustomerCreditsMinor = preview.ImmediateCharge.Summary.CustomerCredits,
            Currency = preview.ImmediateCharge.Summary.Currency, EffectiveAt = preview.ImmediateCharge.EffectiveAt.UtcDateTime,
            Status = QuoteStatus.Quoted, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.PlanChangeQuotes.Add(quote);
        await db.SaveChangesAsync(cancellationToken);
        return View(quote, from, to, preview) with
        {
            Card = await cards.ForSubscriptionAsync(await customers.FindAsync(userId, cancellationToken), subscription.PaymentMethodId, cancellationToken),
        };
    }

    /// <summary>Confirms a quote the customer saw. <paramref name="offerAttemptId"/> links an upgrade offered after a purchase.</summary>
    public async Task<ConfirmResult> ConfirmAsync(string userId, Guid quoteId, Guid? offerAttemptId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var quote = await db.PlanChangeQuotes.AsNoTracking().FirstOrDefaultAsync(q => q.Id == quoteId && q.UserId == userId, cancellationToken);
        if (quote is null)
        {
            return new ConfirmResult(ConfirmOutcome.Refused, "That plan change is not available.");
        }

        if (quote.Status != QuoteStatus.Quoted)
        {
            return new ConfirmResult(ConfirmOutcome.AlreadyConfirmed, "This plan change was already confirmed.");
        }

        var target = await db.Products.AsNoTracking().SingleAsync(p => p.DodoProductId == quote.TargetDodoProductId, cancellationToken);
        var (_, from, to) = await LoadAsync(db, userId, quote.DodoSubscriptionId, target.Id, cancellationToken);
        var fresh = await dodo.PreviewChangePlanAsync(quote.DodoSubscriptionId, Request(quote.TargetDodoProductId, quote.Mode, quote.Timing, quote.OnFailure, null, null), cancellationToken);
        // Dodo prorates by time, so its numbers can move between preview and confirm. A change that charges no more than
        // the customer agreed to goes ahead; one that would charge more is shown again.
        if (fresh.ImmediateCharge.Summary.TotalAmount > quote.TotalAmountMinor || fresh.ImmediateCharge.Summary.Currency != quote.Currency)
        {
            var superseded = await db.PlanChangeQuotes.Where(q => q.Id == quoteId && q.Status == QuoteStatus.Quoted)
                .ExecuteUpdateAsync(set => set.SetProperty(q => q.Status, QuoteStatus.Superseded), cancellationToken);
            if (superseded == 0)
            {
                // A concurrent confirm of this quote got there first; its change is why the numbers moved.
                return new ConfirmResult(ConfirmOutcome.AlreadyConfirmed, "This plan change was already confirmed.");
            }

            var replacement = await QuoteAsync(userId, quote.DodoSubscriptionId, target.Id, cancellationToken);
            return new ConfirmResult(ConfirmOutcome.PreviewChanged, "The amounts changed since you opened this. Please check the new figures and confirm again.", replacement);
        }

        var claimed = await db.PlanChangeQuotes.Where(q => q.Id == quoteId && q.Status == QuoteStatus.Quoted)
            .ExecuteUpdateAsync(set => set.SetProperty(q => q.Status, QuoteStatus.Confirming).SetProperty(q => q.SubmittedAt, clock.GetUtcNow().UtcDateTime)
                .SetProperty(q => q.OfferAttemptId, offerAttemptId), cancellationToken);
        if (claimed == 0)
        {
            return new ConfirmResult(ConfirmOutcome.AlreadyConfirmed, "This plan change was already confirmed.");
        }

        // A change waiting for payment is replaced by this one (the customer is trying again, or chose another plan).
        await db.PlanChangeQuotes.Where(q => q.DodoSubscriptionId == quote.DodoSubscriptionId && q.Id != quoteId && q.Status == QuoteStatus.AwaitingPayment)
            .ExecuteUpdateAsync(set => set.SetProperty(q => q.Status, QuoteStatus.Superseded), cancellationToken);

        if (offerAttemptId is { } attemptId)
        {
            // The offered upgrade counts as that offer's one attempt.
            await db.OfferAttempts.Where(a => a.Id == attemptId && a.UserId == userId && a.Status == OfferAttemptStatus.Shown)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.Status, OfferAttemptStatus.Submitted).SetProperty(a => a.DecidedAt, clock.GetUtcNow().UtcDateTime), cancellationToken);
        }

        await faults.BeforeChargeAsync(quoteId);
        try
        {
            await dodo.ChangePlanAsync(quote.DodoSubscriptionId, Request(quote.TargetDodoProductId, quote.Mode, quote.Timing, quote.OnFailure, quoteId, offerAttemptId), CancellationToken.None);
            await Move(db, quoteId, QuoteStatus.Confirming, QuoteStatus.Submitted, null);
            await notifier.NotifyAsync(userId);
            return new ConfirmResult(ConfirmOutcome.Submitted, quote.Timing == ChangeTiming.NextBillingDate
                ? $"Your plan will change to {to.Name} on {quote.EffectiveAt:d MMM yyyy}."
                : from.Id == to.Id ? $"Starting your paid {to.Name}…" : $"Changing your plan to {to.Name}…");
        }
        catch (DodoApiException refused)
        {
            // An explicit refusal: nothing changed and nothing was charged. The offer (if any) ends with the quote.
            var failed = await db.PlanChangeQuotes.SingleAsync(q => q.Id == quoteId, CancellationToken.None);
            if (failed.Status == QuoteStatus.Confirming)
            {
                await PlanChangeEnd.FailAsync(db, failed, RefusedMessage, CancellationToken.None);
                await db.SaveChangesAsync(CancellationToken.None);
            }

            LogRefused(logger, quoteId, refused.Code, refused.DodoMessage); // Dodo's words are for the merchant
            await notifier.NotifyAsync(userId);
            return new ConfirmResult(ConfirmOutcome.Failed, RefusedMessage);
        }
        catch (DodoUnknownOutcomeException lost)
        {
            LogUnknown(logger, lost, quoteId);
            await Move(db, quoteId, QuoteStatus.Confirming, QuoteStatus.Unknown, null);
            return new ConfirmResult(ConfirmOutcome.Unknown, "We're confirming the change with Dodo. This page updates when it's done.");
        }
    }

    private async Task<(CustomerSubscription Subscription, CatalogProduct From, CatalogProduct To)> LoadAsync(
        StorefrontDbContext db, string userId, string subscriptionId, string targetProductId, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.DodoSubscriptionId == subscriptionId && s.UserId == userId, cancellationToken)
            ?? throw new StoreRuleException("That subscription is not yours.");
        if (subscription.Status != SubscriptionStatus.Active)
        {
            throw new StoreRuleException("Only an active subscription can change plan. Fix the payment problem first.");
        }

        var to = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == targetProductId && !p.IsArchived, cancellationToken);
        if (to is null || to.Kind != ProductKind.Subscription)
        {
            throw new StoreRuleException("That plan is not available.");
        }

        var from = await db.Products.AsNoTracking().SingleAsync(p => p.DodoProductId == subscription.DodoProductId, cancellationToken);
        if (from.Id == to.Id && !subscription.InTrial)
        {
            throw new StoreRuleException("You are already on that plan.");
        }

        if (from.Currency != to.Currency)
        {
            throw new StoreRuleException("That plan is billed in another currency.");
        }

        return (subscription, from, to);
    }

    private static ChangePlanRequest Request(string productId, ProrationMode mode, ChangeTiming timing, PaymentFailureBehaviour onFailure, Guid? quoteId, Guid? attemptId)
    {
        var metadata = new Dictionary<string, string>();
        if (quoteId is not null)
        {
            metadata[QuoteIdKey] = quoteId.Value.ToString();
        }

        if (attemptId is not null)
        {
            metadata[PaymentOutcomes.OfferAttemptIdKey] = attemptId.Value.ToString();
            metadata["upsell_source"] = "post_purchase";
        }

        return new ChangePlanRequest
        {
            ProductId = productId,
            Quantity = 1,
            ProrationBillingMode = mode switch
            {
                ProrationMode.ProratedImmediately => ProrationBillingMode.ProratedImmediately,
                ProrationMode.FullImmediately => ProrationBillingMode.FullImmediately,
                ProrationMode.DifferenceImmediately => ProrationBillingMode.DifferenceImmediately,
                ProrationMode.DoNotBill => ProrationBillingMode.DoNotBill,
            },
            EffectiveAt = timing == ChangeTiming.NextBillingDate ? ChangeEffectiveAt.NextBillingDate : ChangeEffectiveAt.Immediately,
            OnPaymentFailure = onFailure == PaymentFailureBehaviour.ApplyChange ? OnPaymentFailure.ApplyChange : OnPaymentFailure.PreventChange,
            Metadata = metadata.Count == 0 ? null : metadata,
        };
    }

    private static PlanQuoteView View(PlanChangeQuote quote, CatalogProduct from, CatalogProduct to, ChangePlanPreview preview) => new(
        quote.Id, CatalogItem.From(from), CatalogItem.From(to), quote.Direction, quote.Mode, quote.Timing,
        new Money(quote.TotalAmountMinor, quote.Currency), quote.CustomerCreditsMinor, quote.EffectiveAt,
        preview.NewPlan.NextBillingDate.UtcDateTime, new Money(preview.NewPlan.RecurringPreTaxAmount, preview.NewPlan.Currency),
        preview.ImmediateCharge.LineItems.Select(l => new QuoteLine(l.Name ?? to.Name, l.Quantity ?? 1, new Money(l.UnitPrice ?? 0, l.Currency), l.ProrationFactor ?? 1)).ToList());

    /// <summary>Moves the quote only from the expected state, and only along the claimed-action state machine.</summary>
    private static Task Move(StorefrontDbContext db, Guid quoteId, QuoteStatus from, QuoteStatus to, string? failure)
    {
        QuoteStages.EnsureCanMove(from, to);
        return db.PlanChangeQuotes.Where(q => q.Id == quoteId && q.Status == from).ExecuteUpdateAsync(set => set
            .SetProperty(q => q.Status, to).SetProperty(q => q.FailureMessage, q => failure ?? q.FailureMessage), CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Plan change quote {QuoteId}: Dodo refused the change ({Code}: {Message})")]
    private static partial void LogRefused(ILogger logger, Guid quoteId, string? code, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plan change quote {QuoteId}: no answer from Dodo")]
    private static partial void LogUnknown(ILogger logger, Exception error, Guid quoteId);
}
