using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Storefront.Domain;
using Storefront.Web.Data;
using Storefront.Web.Features.Offers;

namespace Storefront.Web.Features.Admin.Analytics;

public sealed record OfferStats(string Label, int Impressions, int Accepts, int Declines, int FailedCharges, int Conversions, IReadOnlyList<Money> Revenue)
{
    public double ConversionRate => Impressions == 0 ? 0 : (double)Conversions / Impressions;

    public string RevenueLabel => Revenue.Count == 0 ? "—" : string.Join(" + ", Revenue.Select(m => m.Format()));
}

/// <summary>One day of the chart. Revenue stays in minor units per currency, as everywhere else.</summary>
public sealed record DayStats(DateTime Day, int Impressions, int Accepts, IReadOnlyList<Money> Revenue)
{
    /// <summary>The chart's category: one bar group per day, whatever the range (a date axis merged and dropped days).</summary>
    public string Label => Day.ToString("MMM d", CultureInfo.InvariantCulture);
}

public sealed record AnalyticsReport(DateTime From, DateTime To, IReadOnlyList<(long RuleId, OfferStats Stats)> Rules, OfferStats Overall, IReadOnlyList<DayStats> Days);

/// <summary>
/// What converts, per rule and overall, for a date range (by when the offer was shown): impressions, accepts,
/// declines, failed charges, conversion rate, and revenue added from confirmed payments less refunds.
/// </summary>
public sealed class OfferAnalytics(IDbContextFactory<StorefrontDbContext> dbFactory)
{
    private static readonly OfferAttemptStatus[] Accepted =
        [OfferAttemptStatus.Charging, OfferAttemptStatus.Submitted, OfferAttemptStatus.Succeeded, OfferAttemptStatus.Failed, OfferAttemptStatus.Unknown];

    public async Task<AnalyticsReport> ReportAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var attempts = await db.OfferAttempts.AsNoTracking().Where(a => a.CreatedAt >= start && a.CreatedAt < end).ToListAsync(cancellationToken);
        var paymentIds = attempts.Where(a => a.PaymentId != null).Select(a => a.PaymentId!).ToList();
        var refunds = await db.Refunds.AsNoTracking().Where(r => paymentIds.Contains(r.PaymentId))
            .GroupBy(r => r.PaymentId).Select(g => new { PaymentId = g.Key, Amount = g.Sum(r => r.AmountMinor) })
            .ToDictionaryAsync(r => r.PaymentId, r => r.Amount, cancellationToken);
        var rules = await db.UpsellRules.AsNoTracking().ToDictionaryAsync(r => r.Id, cancellationToken);
        var names = await db.Products.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);

        var perRule = attempts.GroupBy(a => a.RuleId).OrderBy(g => g.Key)
            .Select(g => (g.Key, Stats(Label(g.Key, rules, names), g, refunds))).ToList();
        var overall = Stats("All offers", attempts, refunds);
        var days = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1)
            .Select(offset => start.AddDays(offset))
            .Select(day =>
            {
                var onDay = attempts.Where(a => a.CreatedAt >= day && a.CreatedAt < day.AddDays(1)).ToList();
                return new DayStats(day, onDay.Count, onDay.Count(a => Accepted.Contains(a.Status)), Revenue(onDay, refunds));
            }).ToList();
        return new AnalyticsReport(start, end, perRule, overall, days);
    }

    public static string ToCsv(AnalyticsReport report)
    {
        var csv = new StringBuilder("rule_id,rule,impressions,accepts,declines,failed_charges,conversions,conversion_rate,revenue_added,currency\n");
        foreach (var (ruleId, stats) in report.Rules)
        {
            Line(csv, ruleId.ToString(CultureInfo.InvariantCulture), stats);
        }

        Line(csv, "all", report.Overall);
        return csv.ToString();
    }

    /// <summary>One line per currency the rule earned in (a rule with no revenue has one line with an empty amount).</summary>
    private static void Line(StringBuilder csv, string id, OfferStats s)
    {
        var amounts = s.Revenue.Count == 0 ? [(Amount: "", Currency: "")] : s.Revenue.Select(m => (Amount: CurrencyFormat.Decimal(m), m.Currency)).ToList();
        foreach (var (amount, currency) in amounts)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{id},{Csv.Quote(s.Label)},{s.Impressions},{s.Accepts},{s.Declines},{s.FailedCharges},{s.Conversions},{s.ConversionRate:F4},{amount},{currency}\n");
        }
    }

    private static OfferStats Stats(string label, IEnumerable<OfferAttempt> group, Dictionary<string, long> refunds)
    {
        var list = group.ToList();
        return new OfferStats(label, list.Count, list.Count(a => Accepted.Contains(a.Status)), list.Count(a => a.Status == OfferAttemptStatus.Declined),
            list.Count(a => a.Status == OfferAttemptStatus.Failed), list.Count(a => a.Status == OfferAttemptStatus.Succeeded), Revenue(list, refunds));
    }

    /// <summary>What succeeded offers charged, less their refunds, one total per currency (never added across currencies).</summary>
    private static List<Money> Revenue(IEnumerable<OfferAttempt> attempts, Dictionary<string, long> refunds) =>
        attempts.Where(a => a.Status == OfferAttemptStatus.Succeeded && a.Currency is not null)
            .GroupBy(a => a.Currency!)
            .Select(g => new Money(g.Sum(a => Net(a, refunds)), g.Key)).ToList();

    private static long Net(OfferAttempt attempt, Dictionary<string, long> refunds) =>
        (attempt.PaidAmountMinor ?? 0) - (attempt.PaymentId is not null ? refunds.GetValueOrDefault(attempt.PaymentId) : 0);

    private static string Label(long ruleId, Dictionary<long, UpsellRule> rules, Dictionary<string, string> names) =>
        rules.TryGetValue(ruleId, out var rule)
            ? $"#{ruleId} {names.GetValueOrDefault(rule.TriggerProductId, rule.TriggerProductId)} → {names.GetValueOrDefault(rule.OfferProductId, rule.OfferProductId)}"
            : $"#{ruleId} (deleted)";
}
