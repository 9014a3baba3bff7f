using Microsoft.EntityFrameworkCore;
using Storefront.Domain.Experiments;
using Storefront.Web.Data;

namespace Storefront.Web.Features.Experiments;

/// <summary>A customer's arm of a running experiment: the holdout (<see cref="Variant"/> null) or one variant.</summary>
public sealed record ExperimentArm(long ExperimentId, ExperimentVariant? Variant)
{
    public bool IsHoldout => Variant is null;
}

/// <summary>Which arm of a rule's running experiment a customer is in, and the record that their order was eligible.</summary>
public sealed class ExperimentArms(TimeProvider clock)
{
    /// <returns>Null when the rule has no running experiment (it shows as it is).</returns>
    public async Task<ExperimentArm?> ArmAsync(StorefrontDbContext db, long ruleId, string userId, CancellationToken cancellationToken)
    {
        var experiment = await db.Experiments.AsNoTracking().Include(e => e.Variants)
            .FirstOrDefaultAsync(e => e.RuleId == ruleId && e.Status == ExperimentStatus.Running, cancellationToken);
        if (experiment is null)
        {
            return null;
        }

        var variantId = ExperimentAssignment.Assign(experiment.Id, userId, experiment.HoldoutPercent,
            experiment.Variants.OrderBy(v => v.Id).Select(v => new VariantWeight(v.Id, v.Weight)).ToList());
        return new ExperimentArm(experiment.Id, experiment.Variants.FirstOrDefault(v => v.Id == variantId));
    }

    /// <summary>Counts the order as eligible once, however many pages, tabs or instances show it.</summary>
    public async Task RecordAsync(StorefrontDbContext db, ExperimentArm arm, string userId, Guid orderId, CancellationToken cancellationToken)
    {
        if (await db.EligibleOrders.AnyAsync(e => e.ExperimentId == arm.ExperimentId && e.OrderId == orderId, cancellationToken))
        {
            return;
        }

        db.EligibleOrders.Add(new EligibleOrder
        {
            ExperimentId = arm.ExperimentId, OrderId = orderId, UserId = userId, VariantId = arm.Variant?.Id, AssignedAt = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // another page recorded it at the same moment; the unique key kept one
        }
    }
}
