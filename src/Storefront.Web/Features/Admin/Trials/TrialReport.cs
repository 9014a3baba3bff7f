using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Storefront.Domain;
using Storefront.Web.Data;

namespace Storefront.Web.Features.Admin.Trials;

/// <summary>
/// One plan's free trials: how many started, how many are still running, how many became paid plans (and how many of
/// those started paying early), how many ended without a payment, and what the converted ones pay each period.
/// </summary>
public sealed record TrialResult(string Plan, int Started, int Running, int Converted, int StartedPayingEarly, int Lapsed, IReadOnlyList<Money> ConvertedPerPeriod)
{
    /// <summary>Of the trials that have ended, the share that became paid; null while none has ended.</summary>
    public double? ConversionRate => Converted + Lapsed == 0 ? null : (double)Converted / (Converted + Lapsed);

    public string ConversionLabel => ConversionRate is { } rate ? rate.ToString("0.0%", CultureInfo.InvariantCulture) : "—";

    public string ConvertedLabel => ConvertedPerPeriod.Count == 0 ? "—" : string.Join(" + ", ConvertedPerPeriod.Select(m => m.Format()));
}

/// <summary>Trial-to-paid conversion per plan, from the store's copy of each subscription (kept from Dodo's webhooks).</summary>
public sealed class TrialReport(IDbContextFactory<StorefrontDbContext> dbFactory)
{
    public async Task<IReadOnlyList<TrialResult>> ResultsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var trials = await db.Subscriptions.AsNoTracking().Where(s => s.TrialEndsAt != null).ToListAsync(cancellationToken);
        var names = await db.Products.AsNoTracking().ToDictionaryAsync(p => p.DodoProductId, p => p.Name, cancellationToken);
        // A trial belongs to the plan it started on; a plan change during it doesn't move it to another row.
        return trials.GroupBy(s => s.TrialPlanDodoProductId ?? s.DodoProductId).Select(plan =>
        {
            var converted = plan.Where(s => s.TrialConvertedAt is not null).ToList();
            return new TrialResult(names.GetValueOrDefault(plan.Key, plan.Key), plan.Count(),
                plan.Count(s => s.TrialConvertedAt is null && s.TrialLapsedAt is null), converted.Count,
                converted.Count(s => s.TrialConvertedAt < s.TrialEndsAt), plan.Count(s => s.TrialLapsedAt is not null),
                converted.Where(s => s.Status == Dodo.Payments.Models.SubscriptionStatus.Active)
                    .GroupBy(s => s.Currency).Select(g => new Money(g.Sum(s => s.RecurringAmountMinor), g.Key)).ToList());
        }).OrderBy(r => r.Plan, StringComparer.Ordinal).ToList();
    }

    public static string ToCsv(IReadOnlyList<TrialResult> results)
    {
        var csv = new StringBuilder("plan,trials_started,still_in_trial,converted,started_paying_early,ended_without_paying,conversion_rate,converted_paying_per_period,currency\n");
        foreach (var r in results)
        {
            var amounts = r.ConvertedPerPeriod.Count == 0 ? [(Amount: "", Currency: "")] : r.ConvertedPerPeriod.Select(m => (Amount: CurrencyFormat.Decimal(m), m.Currency)).ToList();
            foreach (var (amount, currency) in amounts)
            {
                csv.Append(CultureInfo.InvariantCulture,
                    $"{Csv.Quote(r.Plan)},{r.Started},{r.Running},{r.Converted},{r.StartedPayingEarly},{r.Lapsed},{(r.ConversionRate is { } rate ? rate.ToString("F4", CultureInfo.InvariantCulture) : "")},{amount},{currency}\n");
            }
        }

        return csv.ToString();
    }
}
