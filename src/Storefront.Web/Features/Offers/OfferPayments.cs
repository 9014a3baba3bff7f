using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;
using Storefront.Web.Features.Orders;
using Storefront.Web.Features.Payments;

namespace Storefront.Web.Features.Offers;

/// <summary>
/// A payment for an offer (metadata <c>offer_attempt_id</c>): Succeeded is final and records what Dodo charged; a
/// decline or cancellation fails an attempt that has not succeeded; anything else is not final yet.
/// </summary>
public sealed class OfferPayments : IPaymentFollower
{
    public async Task<string?> FollowAsync(StorefrontDbContext db, Payment payment, DateTime now, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(payment.Metadata?.GetValueOrDefault(PaymentOutcomes.OfferAttemptIdKey), out var attemptId)
            || await db.OfferAttempts.FirstOrDefaultAsync(a => a.Id == attemptId, cancellationToken) is not { } attempt)
        {
            return null;
        }

        switch (payment.Status)
        {
            case PaymentStatus.Succeeded:
                attempt.Status = OfferAttemptStatus.Succeeded;
                attempt.PaymentId = payment.PaymentId;
                attempt.PaidAmountMinor = payment.TotalAmount;
                attempt.Currency = payment.Currency;
                attempt.FailureMessage = null;
                attempt.CustomerActionUrl = null;
                attempt.DecidedAt ??= now;
                break;
            case PaymentStatus.Failed or PaymentStatus.Cancelled when attempt.Status != OfferAttemptStatus.Succeeded:
                attempt.Status = OfferAttemptStatus.Failed;
                attempt.PaymentId = payment.PaymentId;
                attempt.FailureMessage = DeclineWords.For(payment);
                attempt.CustomerActionUrl = null;
                attempt.DecidedAt ??= now;
                break;
        }

        return attempt.UserId;
    }
}
