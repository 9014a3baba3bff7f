using Dodo.Payments;
using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Domain.MoneyActions;
using Storefront.Web.Data;
using Storefront.Web.Features.Orders;
using Storefront.Web.Features.Payments;
using Storefront.Web.Features.Reconciliation;
using Storefront.Web.Features.Live;

namespace Storefront.Web.Features.Offers;

/// <summary>
/// Ends an offer attempt whose charge has no known outcome, by looking its payment up at Dodo (by the
/// offer_attempt_id metadata), never by charging again: an answer that was lost (Unknown), a claim whose process
/// stopped before or during the request (Charging, stale), a submitted charge whose webhook is late (Submitted).
/// A payment found is applied as its webhook would be; none found after the give-up window means Dodo took none.
/// </summary>
public sealed partial class OfferSettlement(
    IDbContextFactory<StorefrontDbContext> dbFactory,
    DodoClient dodo,
    DodoCustomerLink customers,
    PaymentOutcomes outcomes,
    CustomerChanges notifier,
    IOptions<ReconcilerOptions> options,
    TimeProvider clock,
    ILogger<OfferSettlement> logger) : IMoneySettlement
{
    public string What => "offer attempt";

    public const string NotChargedMessage = "Dodo did not take the payment. Nothing was charged.";

    /// <summary>Attempts the claimed-action state machine says to look up now (<see cref="ClaimedAction.IsDue"/>).</summary>
    public async Task<IReadOnlyList<Guid>> DueAsync(CancellationToken cancellationToken)
    {
        var (staleBefore, lateBefore, _) = options.Value.Timings.Cutoffs(clock.GetUtcNow().UtcDateTime);
        var (unknown, claimed, submitted) = (OfferAttemptStages.At(ClaimStage.Unknown), OfferAttemptStages.At(ClaimStage.Claimed), OfferAttemptStages.At(ClaimStage.Submitted));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // A submitted attempt without an order is a plan offer: its quote is settled instead (PlanChangeSettlement).
        return await db.OfferAttempts.AsNoTracking()
            .Where(a => unknown.Contains(a.Status)
                || (claimed.Contains(a.Status) && a.DecidedAt < staleBefore)
                || (submitted.Contains(a.Status) && a.ResultOrderId != null && a.DecidedAt < lateBefore))
            .OrderBy(a => a.DecidedAt).Select(a => a.Id).Take(100).ToListAsync(cancellationToken);
    }

    /// <summary>Looks the attempt's payment up and settles what it can. True when the attempt reached an end state.</summary>
    public async Task<bool> SettleAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var attempt = await db.OfferAttempts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attemptId, cancellationToken);
        if (attempt is not { Status: OfferAttemptStatus.Unknown or OfferAttemptStatus.Charging or OfferAttemptStatus.Submitted })
        {
            return attempt is not null;
        }

        var customerId = await customers.FindAsync(attempt.UserId, cancellationToken);
        var claimedAt = attempt.DecidedAt ?? attempt.CreatedAt;
        var payment = customerId is null ? null : await FindPaymentAsync(customerId, attempt, claimedAt, cancellationToken);
        if (payment is not null)
        {
            await outcomes.ApplyAsync(payment, cancellationToken);
            return payment.Status is PaymentStatus.Succeeded or PaymentStatus.Failed or PaymentStatus.Cancelled;
        }

        // A submitted checkout (Dodo's page) waits for the customer; only a one-click claim can be given up.
        if (!ClaimedAction.MayConcludeNothingHappened(attempt.Status.Stage(), claimedAt, clock.GetUtcNow().UtcDateTime, options.Value.Timings, SubmittedEffect.WaitsForCustomer))
        {
            return false;
        }

        // The attempt and its order close together: no page (or test) ever sees one failed and the other pending.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var closed = await db.OfferAttempts.Where(a => a.Id == attemptId && a.Status == attempt.Status)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.Status, OfferAttemptStatus.Failed).SetProperty(a => a.FailureMessage, NotChargedMessage), cancellationToken);
            if (closed == 1 && attempt.ResultOrderId is { } orderId)
            {
                await db.Orders.Where(o => o.Id == orderId && o.Status == OrderStatus.Pending).ExecuteUpdateAsync(set => set
                    .SetProperty(o => o.Status, OrderStatus.Failed).SetProperty(o => o.FailureMessage, NotChargedMessage), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        LogGaveUp(logger, attemptId, attempt.Status);
        await notifier.NotifyAsync(attempt.UserId);
        return true;
    }

    private async Task<Payment?> FindPaymentAsync(string customerId, OfferAttempt attempt, DateTime claimedAt, CancellationToken cancellationToken)
    {
        if (attempt.PaymentId is { } known)
        {
            return await dodo.GetPaymentAsync(known, cancellationToken);
        }

        var payments = await dodo.ListPaymentsAsync(new PaymentListQuery { CustomerId = customerId, CreatedAtGte = claimedAt.AddMinutes(-5), PageSize = 100 }, cancellationToken);
        var match = payments.Items.FirstOrDefault(p => p.Metadata?.GetValueOrDefault(PaymentOutcomes.OfferAttemptIdKey) == attempt.Id.ToString());
        return match is null ? null : await dodo.GetPaymentAsync(match.PaymentId, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offer attempt {AttemptId} ({Status}): no payment at Dodo within the give-up window; closed as not charged")]
    private static partial void LogGaveUp(ILogger logger, Guid attemptId, OfferAttemptStatus status);
}
