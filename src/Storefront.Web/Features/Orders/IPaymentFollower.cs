using Dodo.Payments.Models;
using Storefront.Web.Data;

namespace Storefront.Web.Features.Orders;

/// <summary>
/// Something besides an order that a payment completes (an offer attempt, a plan change), found by the payment's
/// metadata. The feature that owns it registers the follower, so Orders needs no knowledge of offers or plans.
/// </summary>
public interface IPaymentFollower
{
    /// <summary>
    /// Applies the payment in the caller's unit of work (the caller saves). Returns the customer it belongs to, or null
    /// when the payment is not for this follower.
    /// </summary>
    Task<string?> FollowAsync(StorefrontDbContext db, Payment payment, DateTime now, CancellationToken cancellationToken);
}
