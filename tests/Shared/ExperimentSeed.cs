using Storefront.Domain.Offers;
using Storefront.Web.Data;
using Storefront.Web.Features.Experiments;
using Storefront.Web.Features.Offers;
using Storefront.Web.Features.Orders;

namespace Storefront.Testing;

/// <summary>
/// An ended experiment whose result is known by hand (see <c>ExperimentStatisticsTests.Welch_UnequalGroups_WorkedByHand</c>).
/// Variant "B: seats": six customers spend $10, $10, $10 (through the offer), $12, $12 and $15 refunded $3 after their
/// purchase. Holdout: eleven customers, five of whom spend $1.00; one more spends $50 on day 31 (outside the 30-day
/// window) and €9 (another currency). Expected: +$10.55 per eligible order, 95% CI +$9.40 to +$11.69.
/// </summary>
public static class ExperimentSeed
{
    public const string Incremental = "+$10.55 per eligible order (95% CI +$9.40 to +$11.69)";

    public const string VariantName = "B: seats";

    private static readonly DateTime Day0 = new(2026, 10, 1, 12, 0, 0, DateTimeKind.Utc);

    public static async Task<long> KnownAnswerAsync(StorefrontDbContext db, long ruleId, CancellationToken cancellationToken)
    {
        var experiment = new Experiment
        {
            RuleId = ruleId, Name = "Seats wording (seeded)", HoldoutPercent = 50, RevenueWindowDays = 30, Status = ExperimentStatus.Ended,
            CreatedAt = Day0, StartedAt = Day0, EndedAt = Day0.AddDays(40),
            Variants = [new ExperimentVariant { Name = VariantName, Weight = 100, Headline = "Seats for everyone" }],
        };
        db.Experiments.Add(experiment);
        await db.SaveChangesAsync(cancellationToken);
        var variant = experiment.Variants[0];
        foreach (var amount in new long[] { 1000, 1000, 1000 })
        {
            Eligible(db, experiment, variant, later: [amount], acceptedOffer: true);
        }

        Eligible(db, experiment, variant, later: [1200]);
        Eligible(db, experiment, variant, later: [1200]);
        Eligible(db, experiment, variant, later: [1500], refund: 300);
        string? lastHoldoutUser = null;
        for (var i = 0; i < 11; i++)
        {
            lastHoldoutUser = Eligible(db, experiment, null, later: i % 2 == 1 ? [100] : []);
        }

        db.Orders.Add(PaidOrder(lastHoldoutUser!, 5000, "USD", Day0.AddDays(31)));
        db.Orders.Add(PaidOrder(lastHoldoutUser!, 900, "EUR", Day0.AddDays(2)));
        await db.SaveChangesAsync(cancellationToken);
        return experiment.Id;
    }

    /// <summary>One eligible order of a new customer in the given arm, with what they paid after it.</summary>
    public static string Eligible(StorefrontDbContext db, Experiment experiment, ExperimentVariant? variant, long[] later, bool acceptedOffer = false, long refund = 0)
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

        return userId;
    }

    private static Order PaidOrder(string userId, long amountMinor, string currency, DateTime paidAt) => new()
    {
        UserId = userId, ProductId = "single-license", DodoProductId = "pdt_seeded", ProductName = "Single licence", AmountMinor = amountMinor,
        Currency = currency, Status = OrderStatus.Paid, PaymentId = $"pay_{Guid.NewGuid():N}", CreatedAt = paidAt, PaidAt = paidAt,
    };
}
