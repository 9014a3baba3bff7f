using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Storefront.Domain.Plans;
using Storefront.Web.Data;
using Storefront.Web.Features.Orders;
using Storefront.Web.Features.Payments;

namespace Storefront.Web.Features.Subscriptions;

/// <summary>
/// A payment for a plan change (metadata <c>plan_change_quote_id</c>). Declined under prevent_change, the plan stays
/// as it was and the change waits for the customer to pay with another card or keep their plan. Under apply_change
/// the plan changes anyway and goes on hold: subscription.plan_changed applies the quote and the on-hold banner says
/// the rest. A success is applied by plan_changed too; here it only tells the customer's pages.
/// </summary>
public sealed class PlanChangePayments : IPaymentFollower
{
    public async Task<string?> FollowAsync(StorefrontDbContext db, Payment payment, DateTime now, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(payment.Metadata?.GetValueOrDefault(PlanChangeService.QuoteIdKey), out var quoteId)
            || await db.PlanChangeQuotes.FirstOrDefaultAsync(q => q.Id == quoteId, cancellationToken) is not { } quote)
        {
            return null;
        }

        if (payment.Status is PaymentStatus.Failed or PaymentStatus.Cancelled && PlanChangeEnd.IsOpen(quote.Status)
            && quote.OnFailure == PaymentFailureBehaviour.PreventChange)
        {
            await PlanChangeEnd.AwaitPaymentAsync(db, quote, DeclineWords.For(payment), cancellationToken);
        }

        return quote.UserId;
    }
}
