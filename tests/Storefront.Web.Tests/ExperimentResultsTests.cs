using Microsoft.EntityFrameworkCore;
using Storefront.Domain.Experiments;
using Storefront.Domain.Offers;
using Storefront.Web.Data;
using Storefront.Web.Features.Admin.Experiments;
using Storefront.Web.Features.Experiments;
using Storefront.Web.Features.Offers;
using Storefront.Testing;

namespace Storefront.Web.Tests;

/// <summary>
/// An experiment's result from seeded orders with a known answer (<see cref="ExperimentSeed"/>), on a real migrated
/// SQLite database.
/// </summary>
public sealed class ExperimentResultsTests : MigratedSqliteTest
{
    private static readonly DateTime Day0 = new(2026, 10, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Report_SeededOrders_GivesTheHandWorkedDifferenceAndInterval()
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var (seededOn, _) = await NewExperimentAsync(db);
        var experimentId = await ExperimentSeed.KnownAnswerAsync(db, seededOn.RuleId, Ct);

        var report = (await new ExperimentResults(Contexts).ReportAsync(experimentId, Ct))!;

        var usd = Assert.Single(report.Currencies);
        var holdout = usd.Arms.Single(a => a.IsHoldout);
        var variant = usd.Arms.Single(a => !a.IsHoldout);
        Assert.Equal(ExperimentSeed.VariantName, variant.Name);
        Assert.Equal(11, holdout.EligibleOrders);
        Assert.Equal(500, holdout.Revenue.Minor); // the $50 purchase on day 31 is outside the 30-day window; the EUR one is not added
        Assert.Equal(6, variant.EligibleOrders);
        Assert.Equal(6600, variant.Revenue.Minor); // $15 refunded $3 counts as $12
        Assert.Equal(6, variant.Impressions);
        Assert.Equal(3, variant.Conversions);
        Assert.Equal(ExperimentSeed.Incremental, ExperimentWords.Incremental(variant));
        Assert.Equal(ExperimentReading.AddsRevenue, variant.Reading);
        Assert.StartsWith("Adds revenue", ExperimentWords.Reading(variant), StringComparison.Ordinal);

        var csv = ExperimentCsv.ToCsv(report).Split('\n');
        Assert.Contains(csv, line => line.StartsWith($"{experimentId},\"B: seats\",", StringComparison.Ordinal)
            && line.EndsWith(",USD,6,6,3,3,0.5000,66.00,11.00,10.55,9.40,11.69,AddsRevenue", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Report_WithOneHoldoutOrder_SaysThereIsNotEnoughData()
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var (experiment, variant) = await NewExperimentAsync(db);
        ExperimentSeed.Eligible(db, experiment, null, later: []);
        ExperimentSeed.Eligible(db, experiment, variant, later: [1000]);
        ExperimentSeed.Eligible(db, experiment, variant, later: [0]);
        await db.SaveChangesAsync(Ct);

        var arm = (await new ExperimentResults(Contexts).ReportAsync(experiment.Id, Ct))!.Currencies.Single().Arms.Single(a => !a.IsHoldout);

        Assert.Null(arm.Incremental);
        Assert.StartsWith("Not enough data yet", ExperimentWords.Reading(arm), StringComparison.Ordinal);
    }

    private static async Task<(Experiment Experiment, ExperimentVariant Variant)> NewExperimentAsync(StorefrontDbContext db)
    {
        var rule = new UpsellRule
        {
            Kind = OfferKind.PostPurchaseUpsell, TriggerProductId = "single-license", OfferProductId = "team-license", Headline = "Bring your whole team",
            CreatedAt = Day0, UpdatedAt = Day0,
        };
        db.UpsellRules.Add(rule);
        await db.SaveChangesAsync(Ct);
        var experiment = new Experiment
        {
            RuleId = rule.Id, Name = "Seats", HoldoutPercent = 50, RevenueWindowDays = 30, Status = ExperimentStatus.Running, CreatedAt = Day0,
            Variants = [new ExperimentVariant { Name = "B", Weight = 100 }],
        };
        db.Experiments.Add(experiment);
        await db.SaveChangesAsync(Ct);
        return (experiment, experiment.Variants[0]);
    }
}
