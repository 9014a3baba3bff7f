using Microsoft.EntityFrameworkCore;
using Storefront.Domain;
using Storefront.Domain.Experiments;
using Storefront.Web.Data;
using Storefront.Web.Features.Experiments;
using Storefront.Web.Features.Offers;
using Storefront.Web.Features.Orders;

namespace Storefront.Web.Features.Admin.Experiments;

/// <summary>
/// An experiment's honest result: for each variant and the holdout, revenue per eligible order within the window (all
/// of the customer's later purchases, refunds netted), and each variant's difference from the holdout with Welch's 95%
/// interval. The holdout saw no offer, so the difference is what the offer added, not only what it moved.
/// </summary>
public sealed class ExperimentResults(IDbContextFactory<StorefrontDbContext> dbFactory)
{
    private static readonly OfferAttemptStatus[] Accepted =
        [OfferAttemptStatus.Charging, OfferAttemptStatus.Submitted, OfferAttemptStatus.Succeeded, OfferAttemptStatus.Failed, OfferAttemptStatus.Unknown];

    public async Task<ExperimentReport?> ReportAsync(long experimentId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var experiment = await db.Experiments.AsNoTracking().Include(e => e.Variants).FirstOrDefaultAsync(e => e.Id == experimentId, cancellationToken);
        if (experiment is null)
        {
            return null;
        }

        var eligible = await db.EligibleOrders.AsNoTracking().Where(e => e.ExperimentId == experimentId).ToListAsync(cancellationToken);
        var orderIds = eligible.Select(e => e.OrderId).ToList();
        var userIds = eligible.Select(e => e.UserId).Distinct().ToList();
        var triggers = await db.Orders.AsNoTracking().Where(o => orderIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var paid = await db.Orders.AsNoTracking().Where(o => userIds.Contains(o.UserId) && o.Status == OrderStatus.Paid).ToListAsync(cancellationToken);
        var paidByCustomer = paid.ToLookup(o => o.UserId);
        var paymentIds = paid.Where(o => o.PaymentId != null).Select(o => o.PaymentId!).ToList();
        var refunded = await db.Refunds.AsNoTracking().Where(r => paymentIds.Contains(r.PaymentId))
            .GroupBy(r => r.PaymentId).Select(g => new { PaymentId = g.Key, Amount = g.Sum(r => r.AmountMinor) })
            .ToDictionaryAsync(r => r.PaymentId, r => r.Amount, cancellationToken);
        var attempts = await db.OfferAttempts.AsNoTracking().Where(a => a.RuleId == experiment.RuleId && orderIds.Contains(a.OrderId))
            .ToListAsync(cancellationToken);
        var attemptByOrder = attempts.GroupBy(a => a.OrderId).ToDictionary(g => g.Key, g => g.First());

        var window = TimeSpan.FromDays(experiment.RevenueWindowDays);
        var rows = eligible.Where(e => triggers.ContainsKey(e.OrderId)).Select(e =>
        {
            var trigger = triggers[e.OrderId];
            var start = trigger.PaidAt ?? trigger.CreatedAt;
            var revenue = paidByCustomer[e.UserId].Where(o => o.Id != trigger.Id && o.Currency == trigger.Currency
                    && o.PaidAt > start && o.PaidAt <= start + window)
                .Sum(o => o.AmountMinor - (o.PaymentId is null ? 0 : refunded.GetValueOrDefault(o.PaymentId)));
            return (e.VariantId, trigger.Currency, Revenue: revenue, Attempt: attemptByOrder.GetValueOrDefault(e.OrderId));
        }).ToList();

        var currencies = rows.GroupBy(r => r.Currency).OrderByDescending(g => g.Count()).Select(byCurrency =>
        {
            var holdoutRevenue = byCurrency.Where(r => r.VariantId is null).Select(r => r.Revenue).ToList();
            var arms = new List<ArmResult> { Arm("Holdout (no offer)", null, byCurrency.Where(r => r.VariantId is null).ToList(), byCurrency.Key, null) };
            arms.AddRange(experiment.Variants.OrderBy(v => v.Id).Select(v =>
            {
                var inArm = byCurrency.Where(r => r.VariantId == v.Id).ToList();
                return Arm(v.Name, v.Id, inArm, byCurrency.Key, WelchInterval.Compare(inArm.Select(r => r.Revenue).ToList(), holdoutRevenue));
            }));
            return new CurrencyResult(byCurrency.Key, arms);
        }).ToList();
        return new ExperimentReport(experiment.Id, experiment.Name, experiment.RevenueWindowDays, currencies);
    }

    private static ArmResult Arm(string name, long? variantId, List<(long? VariantId, string Currency, long Revenue, OfferAttempt? Attempt)> rows, string currency, MeanDifference? incremental)
    {
        var shown = rows.Where(r => r.Attempt is not null).Select(r => r.Attempt!).ToList();
        return new ArmResult(name, variantId, rows.Count, shown.Count, shown.Count(a => Accepted.Contains(a.Status)),
            shown.Count(a => a.Status == OfferAttemptStatus.Succeeded), new Money(rows.Sum(r => r.Revenue), currency),
            rows.Select(r => r.Revenue).ToList(), incremental);
    }
}
