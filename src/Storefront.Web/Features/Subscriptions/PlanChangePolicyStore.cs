using Microsoft.EntityFrameworkCore;
using Storefront.Domain.Plans;
using Storefront.Web.Data;

namespace Storefront.Web.Features.Subscriptions;

/// <summary>Reads and saves the admin's plan-change policy (defaults until an admin saves one).</summary>
public sealed class PlanChangePolicyStore(IDbContextFactory<StorefrontDbContext> dbFactory, TimeProvider clock)
{
    public async Task<PlanChangePolicy> GetAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.PlanChangePolicy.AsNoTracking().FirstOrDefaultAsync(p => p.Id == 1, cancellationToken);
        return row?.ToDomain() ?? new PlanChangePolicy();
    }

    public async Task SaveAsync(PlanChangePolicy policy, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.PlanChangePolicy.FirstOrDefaultAsync(p => p.Id == 1, cancellationToken);
        if (row is null)
        {
            row = new PlanChangePolicySettings();
            db.PlanChangePolicy.Add(row);
        }

        row.UpgradeMode = policy.UpgradeMode;
        row.UpgradeOnFailure = policy.UpgradeOnFailure;
        row.DowngradeMode = policy.DowngradeMode;
        row.DowngradeTiming = policy.DowngradeTiming;
        row.DowngradeOnFailure = policy.DowngradeOnFailure;
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }
}
