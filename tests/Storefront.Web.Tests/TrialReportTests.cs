using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;
using Storefront.Web.Features.Admin.Trials;
using Storefront.Web.Features.Subscriptions;

namespace Storefront.Web.Tests;

/// <summary>Trial conversion per plan from seeded subscriptions with a known answer, on a real migrated SQLite database.</summary>
public sealed class TrialReportTests : MigratedSqliteTest
{
    private static readonly DateTime Day0 = new(2026, 10, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Report_CountsEachTrialOnThePlanItStartedOn_AndRatesOnlyTheEndedOnes()
    {
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            db.Products.AddRange(
                new CatalogProduct { Id = "studio", Name = "Studio plan", Summary = "", Currency = "USD", PriceMinor = 5000, DodoProductId = "pdt_studio", TrialPeriodDays = 14 },
                new CatalogProduct { Id = "pro", Name = "Pro plan", Summary = "", Currency = "USD", PriceMinor = 8000, DodoProductId = "pdt_pro" });
            db.Subscriptions.AddRange(
                Trial("sub_running", "pdt_studio"),
                Trial("sub_at_end", "pdt_studio", converted: Day0.AddDays(14)),
                Trial("sub_early", "pdt_studio", converted: Day0.AddDays(3)),
                Trial("sub_upgraded", "pdt_pro", startedOn: "pdt_studio", converted: Day0.AddDays(5)),
                Trial("sub_cancelled", "pdt_studio", lapsed: Day0.AddDays(14), status: SubscriptionStatus.Cancelled),
                new CustomerSubscription { DodoSubscriptionId = "sub_no_trial", UserId = "u", DodoProductId = "pdt_pro", Status = SubscriptionStatus.Active, Currency = "USD", RecurringAmountMinor = 8000 });
            await db.SaveChangesAsync(Ct);
        }

        var result = Assert.Single(await new TrialReport(Contexts).ResultsAsync(Ct));

        Assert.Equal(("Studio plan", 5, 1, 3, 2, 1), (result.Plan, result.Started, result.Running, result.Converted, result.StartedPayingEarly, result.Lapsed));
        Assert.Equal("75.0%", result.ConversionLabel); // 3 converted of the 4 that ended
        Assert.Equal("$180.00", result.ConvertedLabel); // 50 + 50 + 80 a month
        var csv = TrialReport.ToCsv([result]).Split('\n');
        Assert.Equal("plan,trials_started,still_in_trial,converted,started_paying_early,ended_without_paying,conversion_rate,converted_paying_per_period,currency", csv[0]);
        Assert.Equal("\"Studio plan\",5,1,3,2,1,0.7500,180.00,USD", csv[1]);
    }

    [Fact]
    public void NoEndedTrial_HasNoRateYet()
    {
        var result = new TrialResult("Studio plan", 2, 2, 0, 0, 0, []);

        Assert.Null(result.ConversionRate);
        Assert.Equal("—", result.ConversionLabel);
    }

    private static CustomerSubscription Trial(string id, string product, string? startedOn = null, DateTime? converted = null, DateTime? lapsed = null,
        SubscriptionStatus status = SubscriptionStatus.Active) => new()
    {
        DodoSubscriptionId = id, UserId = "u", DodoProductId = product, Status = status, Currency = "USD",
        RecurringAmountMinor = product == "pdt_pro" ? 8000 : 5000, TrialEndsAt = Day0.AddDays(14), TrialPlanDodoProductId = startedOn ?? product,
        TrialConvertedAt = converted, TrialLapsedAt = lapsed, CreatedAt = Day0,
    };
}
