using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;
using Storefront.Web.Features.Catalog;

namespace Storefront.Web.Features.Usage;

/// <summary>An upgrade the customer's usage calls for: what they use, and the plan that gives them more.</summary>
public sealed record UsageNudge(string Headline, string Metric, int Used, int Limit, CatalogItem Plan);

/// <summary>Finds the usage rule a signed-in customer has reached on their current plan (highest threshold first).</summary>
public sealed class UsageOffers(IDbContextFactory<StorefrontDbContext> dbFactory, Orders.ICustomerPlans plans)
{
    public async Task<UsageNudge?> ForAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var reports = await db.UsageReports.AsNoTracking().Where(r => r.UserId == userId).ToListAsync(cancellationToken);
        if (reports.Count == 0)
        {
            return null; // the common case: one indexed read and done
        }

        if (await plans.CurrentAsync(db, userId, cancellationToken) is not { IsActive: true } current)
        {
            return null;
        }

        var rules = await db.UsageUpgradeRules.AsNoTracking().Where(r => r.FromPlanProductId == current.ProductId).OrderByDescending(r => r.ThresholdPercent).ToListAsync(cancellationToken);
        foreach (var rule in rules)
        {
            if (reports.FirstOrDefault(r => r.Metric == rule.Metric) is { } report && report.Used * 100 >= rule.ThresholdPercent * report.Limit
                && await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == rule.ToPlanProductId && !p.IsArchived, cancellationToken) is { } plan)
            {
                return new UsageNudge(rule.Headline, rule.Metric, report.Used, report.Limit, CatalogItem.From(plan));
            }
        }

        return null;
    }
}
