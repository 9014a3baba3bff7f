using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Storefront.Domain;
using Storefront.Domain.Plans;
using Storefront.Web.Data;
using Storefront.Web.Features.Audit;
using Storefront.Web.Features.Subscriptions;

namespace Storefront.Web.Features.Admin.Retention;

/// <summary>One reason's results: how many started to cancel, how many stayed (took the offer, or kept the plan after all), and what they still pay each period.</summary>
public sealed record ReasonResult(string Reason, string Words, string? OfferedPlan, int Started, int SavedByOffer, int KeptAfterAll, int Cancelled, IReadOnlyList<Money> KeptPerPeriod)
{
    public double SaveRate => Started == 0 ? 0 : (double)(SavedByOffer + KeptAfterAll) / Started;

    public string KeptLabel => KeptPerPeriod.Count == 0 ? "—" : string.Join(" + ", KeptPerPeriod.Select(m => m.Format()));
}

/// <summary>The retention offers per cancellation reason (audited), and the save rate by reason and offer.</summary>
public sealed class RetentionAdmin(IDbContextFactory<StorefrontDbContext> dbFactory, AuditTrail audit, TimeProvider clock)
{
    public async Task<IReadOnlyDictionary<string, string?>> OffersAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var offers = await db.RetentionOffers.AsNoTracking().ToDictionaryAsync(o => o.Reason, o => o.PlanProductId, cancellationToken);
        return CancellationReasons.All.ToDictionary(r => r.Key, r => offers.GetValueOrDefault(r.Key));
    }

    /// <returns>An error to show, or null when saved.</returns>
    public async Task<string?> SaveAsync(string reason, string? planProductId, string actor, CancellationToken cancellationToken)
    {
        if (CancellationReasons.All.All(r => r.Key != reason))
        {
            return "Unknown reason.";
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plan = string.IsNullOrWhiteSpace(planProductId) ? null : planProductId;
        if (plan is not null && !await db.Products.AnyAsync(p => p.Id == plan && !p.IsArchived && p.Kind == Storefront.Domain.Catalog.ProductKind.Subscription, cancellationToken))
        {
            return "Offer a plan that is for sale.";
        }

        var offer = await db.RetentionOffers.FirstOrDefaultAsync(o => o.Reason == reason, cancellationToken);
        var before = offer?.PlanProductId;
        if (offer is null)
        {
            offer = new RetentionOffer { Reason = reason };
            db.RetentionOffers.Add(offer);
        }

        offer.PlanProductId = plan;
        offer.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(db, actor, "update", nameof(RetentionOffer), reason, new { PlanProductId = before }, new { PlanProductId = plan });
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public async Task<IReadOnlyList<ReasonResult>> ResultsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var requests = await db.CancellationRequests.AsNoTracking().ToListAsync(cancellationToken);
        var names = await db.Products.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return CancellationReasons.All.Select(r =>
        {
            var forReason = requests.Where(q => q.Reason == r.Key).ToList();
            var offered = forReason.Select(q => q.OfferedPlanProductId).LastOrDefault(p => p is not null);
            var kept = forReason.Where(q => q.KeptRecurringMinor is not null && q.Currency is not null)
                .GroupBy(q => q.Currency!).Select(g => new Money(g.Sum(q => q.KeptRecurringMinor!.Value), g.Key)).ToList();
            return new ReasonResult(r.Key, r.Words, offered is null ? null : names.GetValueOrDefault(offered, offered), forReason.Count,
                forReason.Count(q => q.Outcome == CancellationOutcome.Saved),
                forReason.Count(q => q.Outcome == CancellationOutcome.Cancelled && q.UndoneAt is not null),
                forReason.Count(q => q.Outcome == CancellationOutcome.Cancelled && q.UndoneAt is null), kept);
        }).ToList();
    }

    public static string ToCsv(IReadOnlyList<ReasonResult> results)
    {
        var csv = new StringBuilder("reason,offered_plan,started,saved_by_offer,kept_after_all,cancelled,save_rate,kept_per_period,currency\n");
        foreach (var r in results)
        {
            var amounts = r.KeptPerPeriod.Count == 0 ? [(Amount: "", Currency: "")] : r.KeptPerPeriod.Select(m => (Amount: CurrencyFormat.Decimal(m), m.Currency)).ToList();
            foreach (var (amount, currency) in amounts)
            {
                csv.Append(CultureInfo.InvariantCulture,
                    $"{r.Reason},{Csv.Quote(r.OfferedPlan ?? "")},{r.Started},{r.SavedByOffer},{r.KeptAfterAll},{r.Cancelled},{r.SaveRate:F4},{amount},{currency}\n");
            }
        }

        return csv.ToString();
    }
}
