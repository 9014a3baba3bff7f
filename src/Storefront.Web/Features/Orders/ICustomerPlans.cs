using Storefront.Web.Data;

namespace Storefront.Web.Features.Orders;

/// <summary>A customer's current plan as checkout and offers see it: the catalog product, whether it is active, and the card it bills.</summary>
public sealed record CustomerPlan(string ProductId, bool IsActive, string? PaymentMethodId);

/// <summary>
/// What checkout and offers need to know about a customer's subscription. Subscriptions answers it, so neither reads
/// subscriptions itself and the dependencies stay one-way (Subscriptions → Offers → Orders).
/// </summary>
public interface ICustomerPlans
{
    /// <summary>The customer's plan if they have one that is active or on hold (waiting for payment), else null.</summary>
    Task<CustomerPlan?> CurrentAsync(StorefrontDbContext db, string userId, CancellationToken cancellationToken);

    /// <summary>Whether the customer has had a free trial already (one per customer, whichever plan it was on).</summary>
    Task<bool> HadTrialAsync(StorefrontDbContext db, string userId, CancellationToken cancellationToken);
}
