using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;
using Storefront.Web.Features.Audit;
using Storefront.Web.Features.Usage;

namespace Storefront.Web.Features.Admin.Usage;

/// <summary>Usage upgrade rules for admins: add (checked first; on any error nothing is saved), list, delete; audited.</summary>
public sealed partial class UsageRuleAdmin(IDbContextFactory<StorefrontDbContext> dbFactory, AuditTrail audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<UsageUpgradeRule>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.UsageUpgradeRules.AsNoTracking().OrderBy(r => r.FromPlanProductId).ThenBy(r => r.Metric).ToListAsync(cancellationToken);
    }

    /// <returns>The problem to show, or null when added.</returns>
    public async Task<string?> AddAsync(string? fromPlan, string? toPlan, string? metric, int thresholdPercent, string? headline, string actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plans = await db.Products.AsNoTracking().Where(p => p.Kind == Storefront.Domain.Catalog.ProductKind.Subscription && !p.IsArchived).ToDictionaryAsync(p => p.Id, cancellationToken);
        var problem = fromPlan is null || !plans.ContainsKey(fromPlan) ? "Choose the plan the customer is on."
            : toPlan is null || !plans.ContainsKey(toPlan) || toPlan == fromPlan ? "Choose another plan to offer."
            : plans[toPlan].PriceMinor <= plans[fromPlan].PriceMinor || plans[toPlan].Currency != plans[fromPlan].Currency ? "Offer a plan that costs more, in the same currency: this is an upgrade."
            : metric is null || !MetricName().IsMatch(metric) ? "The metric is 1–40 lowercase letters, digits, '_' or '-', as your app reports it."
            : thresholdPercent is < 1 or > 100 ? "The threshold is a percentage of the limit, 1 to 100."
            : string.IsNullOrWhiteSpace(headline) || headline.Length > 120 ? "Write a headline under 120 characters."
            : null;
        if (problem is not null)
        {
            return problem;
        }

        var rule = new UsageUpgradeRule
        {
            FromPlanProductId = fromPlan!, ToPlanProductId = toPlan!, Metric = metric!, ThresholdPercent = thresholdPercent, Headline = headline!.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.UsageUpgradeRules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(db, actor, "create", nameof(UsageUpgradeRule), rule.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
            new { rule.FromPlanProductId, rule.ToPlanProductId, rule.Metric, rule.ThresholdPercent, rule.Headline });
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public async Task DeleteAsync(long id, string actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.UsageUpgradeRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is { } rule)
        {
            db.UsageUpgradeRules.Remove(rule);
            audit.Record(db, actor, "delete", nameof(UsageUpgradeRule), id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new { rule.FromPlanProductId, rule.ToPlanProductId, rule.Metric, rule.ThresholdPercent }, null);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    [GeneratedRegex("^[a-z0-9_-]{1,40}$")]
    private static partial Regex MetricName();
}
