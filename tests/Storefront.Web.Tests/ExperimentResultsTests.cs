using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Storefront.Domain.Experiments;
using Storefront.Domain.Offers;
using Storefront.Web.Data;
using Storefront.Web.Features.Admin.Experiments;
using Storefront.Web.Features.Experiments;
using Storefront.Web.Features.Offers;
using Storefront.Web.Features.Orders;

namespace Storefront.Web.Tests;

/// <summary>
/// An experiment's result from seeded orders with a known answer (worked by hand in
/// <c>ExperimentStatisticsTests.Welch_UnequalGroups_WorkedByHand</c>), on a real migrated SQLite database.
/// </summary>
public sealed class ExperimentResultsTests : IAsyncLifetime
{
    private static readonly DateTime Day0 = new(2026, 10, 1, 12, 0, 0, DateTimeKind.Utc);
    private readonly string path = Path.Combine(Path.GetTempPath(), $"storefront-experiment-{Guid.NewGuid():N}.db");
    private IDbContextFactory<StorefrontDbContext> contexts = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        contexts = new SqliteContexts(path);
        await using var db = await contexts.CreateDbContextAsync(Ct);
        await db.Database.MigrateAsync(Ct);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(path);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Report_SeededOrders_GivesTheHandWorkedDifferenceAndInterval()
    {
        var experimentId = await SeedKnownAnswerAsync();

        var report = (await new ExperimentResults(contexts).ReportAsync(experimentId, Ct))!;

        var usd = Assert.Single(report.Currencies);
        var holdout = usd.Arms.Single(a => a.IsHoldout);
        var variant = usd.Arms.Single(a => !a.IsHoldout);
        Assert.Equal(11, holdout.EligibleOrders);
        Assert.Equal(500, holdout.Revenue.Minor); // the $50 purchase on day 31 is outside the 30-day window; the EUR one is not added
        Assert.Equal(6, variant.EligibleOrders);
        Assert.Equal(6600, variant.Revenue.Minor); // $15 refunded $3 counts as $12
        Assert.Equal(6, variant.Impressions);
        Assert.Equal(3, variant.Conversions);
        Assert.Equal("+$10.55 per eligible order (95% CI +$9.40 to +$11.69)", ExperimentWords.Incremental(variant));
        Assert.Equal(ExperimentReading.AddsRevenue, variant.Reading);
        Assert.StartsWith("Adds revenue", ExperimentWords.Reading(variant), StringComparison.Ordinal);

        var csv = ExperimentCsv.ToCsv(report).Split('\n');
        Assert.Contains(csv, line => line.StartsWith($"{experimentId},\"B: seats\",", StringComparison.Ordinal)
            && line.EndsWith(",USD,6,6,3,3,0.5000,66.00,11.00,10.55,9.40,11.69,AddsRevenue", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Report_WithOneHoldoutOrder_SaysThereIsNotEnoughData()
    {
        await using var db = await contexts.CreateDbContextAsync(Ct);
        var (experiment, variant) = await NewExperimentAsync(db);
        await EligibleAsync(db, experiment, null, later: []);
        await EligibleAsync(db, experiment, variant, later: [1000]);
        await EligibleAsync(db, experiment, variant, later: [0]);

        var arm = (await new ExperimentResults(contexts).ReportAsync(experiment.Id, Ct))!.Currencies.Single().Arms.Single(a => !a.IsHoldout);

        Assert.Null(arm.Incremental);
        Assert.StartsWith("Not enough data yet", ExperimentWords.Reading(arm), StringComparison.Ordinal);
    }

    /// <summary>
    /// Variant: six customers spend $10, $10, $10, $12, $12 and $15 (refunded $3) after their purchase, the first
    /// three through the offer. Holdout: eleven customers, five spend $1.00; one more spends $50 on day 31 and €9 on day 2.
    /// </summary>
    private async Task<long> SeedKnownAnswerAsync()
    {
        await using var db = await contexts.CreateDbContextAsync(Ct);
        var (experiment, variant) = await NewExperimentAsync(db);
        foreach (var amount in new long[] { 1000, 1000, 1000 })
        {
            await EligibleAsync(db, experiment, variant, later: [amount], acceptedOffer: true);
        }

        await EligibleAsync(db, experiment, variant, later: [1200]);
        await EligibleAsync(db, experiment, variant, later: [1200]);
        await EligibleAsync(db, experiment, variant, later: [1500], refund: 300);
        for (var i = 0; i < 11; i++)
        {
            await EligibleAsync(db, experiment, null, later: i % 2 == 1 ? [100] : []);
        }

        var lastHoldout = await db.EligibleOrders.OrderByDescending(e => e.Id).FirstAsync(Ct);
        db.Orders.Add(PaidOrder(lastHoldout.UserId, 5000, "USD", Day0.AddDays(31)));
        db.Orders.Add(PaidOrder(lastHoldout.UserId, 900, "EUR", Day0.AddDays(2)));
        await db.SaveChangesAsync(Ct);
        return experiment.Id;
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
            Variants = [new ExperimentVariant { Name = "B: seats", Weight = 100, Headline = "Seats for everyone" }],
        };
        db.Experiments.Add(experiment);
        await db.SaveChangesAsync(Ct);
        return (experiment, experiment.Variants[0]);
    }

    private static async Task EligibleAsync(StorefrontDbContext db, Experiment experiment, ExperimentVariant? variant, long[] later, bool acceptedOffer = false, long refund = 0)
    {
        var userId = Guid.NewGuid().ToString();
        var purchase = PaidOrder(userId, 4900, "USD", Day0);
        db.Orders.Add(purchase);
        db.EligibleOrders.Add(new EligibleOrder { ExperimentId = experiment.Id, OrderId = purchase.Id, UserId = userId, VariantId = variant?.Id, AssignedAt = Day0 });
        if (variant is not null)
        {
            db.OfferAttempts.Add(new OfferAttempt
            {
                UserId = userId, RuleId = experiment.RuleId, Kind = OfferKind.PostPurchaseUpsell, OrderId = purchase.Id, OfferProductId = "team-license",
                Status = acceptedOffer ? OfferAttemptStatus.Succeeded : OfferAttemptStatus.Declined, CreatedAt = Day0, VariantId = variant.Id,
            });
        }

        foreach (var amount in later)
        {
            var order = PaidOrder(userId, amount, "USD", Day0.AddDays(1));
            db.Orders.Add(order);
            if (refund > 0)
            {
                db.Refunds.Add(new Refund { RefundId = $"rfd_{Guid.NewGuid():N}", PaymentId = order.PaymentId!, AmountMinor = refund, Currency = "USD", CreatedAt = Day0.AddDays(3) });
            }
        }

        await db.SaveChangesAsync(Ct);
    }

    private static Order PaidOrder(string userId, long amountMinor, string currency, DateTime paidAt) => new()
    {
        UserId = userId, ProductId = "single-license", DodoProductId = "pdt_test", ProductName = "Single licence", AmountMinor = amountMinor,
        Currency = currency, Status = OrderStatus.Paid, PaymentId = $"pay_{Guid.NewGuid():N}", CreatedAt = paidAt, PaidAt = paidAt,
    };

    /// <summary>Contexts on one SQLite file, as the store's own factory makes them.</summary>
    private sealed class SqliteContexts(string path) : IDbContextFactory<StorefrontDbContext>
    {
        public StorefrontDbContext CreateDbContext() => new(
            new DbContextOptionsBuilder<StorefrontDbContext>()
                .UseSqlite($"Data Source={path}")
                .UseApplicationServiceProvider(Storefront.Web.Identity.IdentityRegistration.ModelServices())
                .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
                .Options);
    }
}
