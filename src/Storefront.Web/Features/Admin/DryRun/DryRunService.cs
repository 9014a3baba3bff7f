using Microsoft.EntityFrameworkCore;
using Storefront.Domain.Offers;
using Storefront.Web.Data;
using Storefront.Web.Features.Offers;
using Storefront.Web.Features.Orders;

namespace Storefront.Web.Features.Admin.DryRun;

public sealed record DryRunLine(long RuleId, string Kind, string Offer, string Verdict, string Reason);

public sealed record DryRunResult(Order Order, string Customer, IReadOnlyList<DryRunLine> Lines);

/// <summary>Which offers the current rules would show for a past order, and why (or why not). Reads only.</summary>
public sealed class DryRunService(IDbContextFactory<StorefrontDbContext> dbFactory, Orders.ICustomerPlans plans, TimeProvider clock)
{
    public async Task<IReadOnlyList<(Order Order, string Customer)>> RecentOrdersAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var orders = await db.Orders.AsNoTracking().Where(o => o.Status == OrderStatus.Paid && o.Kind == OrderKind.Purchase)
            .OrderByDescending(o => o.PaidAt).Take(50).ToListAsync(cancellationToken);
        var userIds = orders.Select(o => o.UserId).Distinct().ToList();
        var emails = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, cancellationToken);
        return orders.Select(o => (o, emails.GetValueOrDefault(o.UserId, o.UserId))).ToList();
    }

    public async Task<DryRunResult?> ExplainAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null)
        {
            return null;
        }

        var rules = (await db.UpsellRules.AsNoTracking().ToListAsync(cancellationToken)).Select(r => r.ToDomain()).ToList();
        var history = await OfferHistoryReader.ReadAsync(db, plans, order.UserId, order.Id, cancellationToken);
        var names = await db.Products.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var customer = await db.Users.Where(u => u.Id == order.UserId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken) ?? order.UserId;
        var lines = OfferExplainer.Explain(order.ProductId, rules, history, clock.GetUtcNow().UtcDateTime)
            .Select(e => new DryRunLine(e.Rule.Id, OfferWords.Kind(e.Rule.Kind), names.GetValueOrDefault(e.Rule.OfferProductId, e.Rule.OfferProductId), OfferWords.Verdict(e.Verdict), e.Reason))
            .ToList();
        return new DryRunResult(order, customer, lines);
    }
}
