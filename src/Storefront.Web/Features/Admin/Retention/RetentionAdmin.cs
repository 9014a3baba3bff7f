using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Storefront.Domain;
using Storefront.Domain.Offers;
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
    /// <summary>The choice in the offer list that means "a discount" (its percentage and bills are fields of their own).</summary>
    public const string DiscountChoice = "discount";

    /// <summary>The most bills a retention discount can cover: a year of monthly bills.</summary>
    public const int MostCycles = 12;

    public async Task<IReadOnlyDictionary<string, RetentionOffer?>> OffersAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var offers = await db.RetentionOffers.AsNoTracking().ToDictionaryAsync(o => o.Reason, cancellationToken);
        return CancellationReasons.All.ToDictionary(r => r.Key, r => offers.GetValueOrDefault(r.Key));
    }

    /// <param name="choice">A plan's catalog id, <see cref="DiscountChoice"/>, or empty for no offer.</param>
    /// <returns>An error to show, or null when saved.</returns>
    public async Task<string?> SaveAsync(string reason, string? choice, int? discountPercent, int? discountCycles, string actor, CancellationToken cancellationToken)
    {
        if (CancellationReasons.All.All(r => r.Key != reason))
        {
            return "Unknown reason.";
        }

        var isDiscount = choice == DiscountChoice;
        if (isDiscount && (discountPercent is not (>= 1 and <= OfferDiscount.MostPercent) || discountCycles is not (>= 1 and <= MostCycles)))
        {
            return $"A discount is a whole percentage from 1 to {OfferDiscount.MostPercent}, for 1 to {MostCycles} bills.";
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plan = isDiscount || string.IsNullOrWhiteSpace(choice) ? null : choice;
        if (plan is not null && !await db.Products.AnyAsync(p => p.Id == plan && !p.IsArchived && p.Kind == Storefront.Domain.Catalog.ProductKind.Subscription, cancellationToken))
        {
            return "Offer a plan that is for sale.";
        }

        var offer = await db.RetentionOffers.FirstOrDefaultAsync(o => o.Reason == reason, cancellationToken);
        var before = new { offer?.PlanProductId, offer?.DiscountPercent, offer?.DiscountCycles };
        if (offer is null)
        {
            offer = new RetentionOffer { Reason = reason };
            db.RetentionOffers.Add(offer);
        }

        offer.PlanProductId = plan;
        offer.DiscountPercent = isDiscount ? discountPercent : null;
        offer.DiscountCycles = isDiscount ? discountCycles : null;
        offer.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(db, actor, "update", nameof(RetentionOffer), reason, before, new { offer.PlanProductId, offer.DiscountPercent, offer.DiscountCycles });
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>"Basic plan", "25% off 3 bills": what a reason offered, in the results.</summary>
    public static string? Describe(string? planName, int? percent, int? cycles) =>
        percent is { } off && cycles is { } bills ? $"{off}% off {bills} {(bills == 1 ? "bill" : "bills")}" : planName;

    public async Task<IReadOnlyList<ReasonResult>> ResultsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var requests = await db.CancellationRequests.AsNoTracking().ToListAsync(cancellationToken);
        var names = await db.Products.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return CancellationReasons.All.Select(r =>
        {
            var forReason = requests.Where(q => q.Reason == r.Key).ToList();
            var last = forReason.LastOrDefault(q => q.OfferedPlanProductId is not null || q.OfferedDiscountPercent is not null);
            var offered = Describe(last?.OfferedPlanProductId is { } planId ? names.GetValueOrDefault(planId, planId) : null, last?.OfferedDiscountPercent, last?.OfferedDiscountCycles);
            var kept = forReason.Where(q => q.KeptRecurringMinor is not null && q.Currency is not null)
                .GroupBy(q => q.Currency!).Select(g => new Money(g.Sum(q => q.KeptRecurringMinor!.Value), g.Key)).ToList();
            return new ReasonResult(r.Key, r.Words, offered, forReason.Count,
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
