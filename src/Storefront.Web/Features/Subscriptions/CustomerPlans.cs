using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;
using Storefront.Web.Features.Orders;

namespace Storefront.Web.Features.Subscriptions;

/// <summary>Answers offers' questions about a customer's plan from the local copy of their Dodo subscription.</summary>
public sealed class CustomerPlans : ICustomerPlans
{
    public async Task<CustomerPlan?> CurrentAsync(StorefrontDbContext db, string userId, CancellationToken cancellationToken)
    {
        var plan = await (from s in db.Subscriptions.AsNoTracking()
                          join p in db.Products.AsNoTracking() on s.DodoProductId equals p.DodoProductId
                          where s.UserId == userId && (s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.OnHold)
                          orderby s.Status == SubscriptionStatus.Active descending, s.LastEventAt descending
                          select new { p.Id, s.Status, s.PaymentMethodId }).FirstOrDefaultAsync(cancellationToken);
        return plan is null ? null : new CustomerPlan(plan.Id, plan.Status == SubscriptionStatus.Active, plan.PaymentMethodId);
    }

    public Task<bool> HadTrialAsync(StorefrontDbContext db, string userId, CancellationToken cancellationToken) =>
        db.Subscriptions.AnyAsync(s => s.UserId == userId && s.TrialEndsAt != null, cancellationToken);
}
