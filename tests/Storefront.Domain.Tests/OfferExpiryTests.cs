using Storefront.Domain.Offers;

namespace Storefront.Domain.Tests;

public sealed class OfferExpiryTests
{
    private static readonly DateTime PaidAt = new(2026, 11, 22, 14, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(OfferKind.PostPurchaseUpsell)]
    [InlineData(OfferKind.Downsell)]
    public void Deadline_OfAnOfferThatFollowsAPurchase_IsThatManyMinutesAfterIt(OfferKind kind)
    {
        Assert.Equal(PaidAt.AddMinutes(15), OfferExpiry.Deadline(kind, PaidAt, 15));
    }

    [Fact]
    public void Deadline_WithoutALimit_OrForACrossSell_IsNone()
    {
        Assert.Null(OfferExpiry.Deadline(OfferKind.PostPurchaseUpsell, PaidAt, null));
        Assert.Null(OfferExpiry.Deadline(OfferKind.CrossSell, PaidAt, 15));
    }

    [Fact]
    public void HasExpired_FromTheDeadlineOn_NotASecondBefore()
    {
        var deadline = PaidAt.AddMinutes(10);

        Assert.False(OfferExpiry.HasExpired(deadline, deadline.AddTicks(-1)));
        Assert.True(OfferExpiry.HasExpired(deadline, deadline));
        Assert.True(OfferExpiry.HasExpired(deadline, deadline.AddHours(1)));
        Assert.False(OfferExpiry.HasExpired(null, deadline.AddYears(1)));
    }

    [Theory]
    [InlineData(600, "10:00")]
    [InlineData(545.2, "9:06")] // rounded up: the last second shows 0:01, never 0:00 while still open
    [InlineData(0.4, "0:01")]
    [InlineData(0, "0:00")]
    [InlineData(-30, "0:00")]
    [InlineData(3723, "1:02:03")]
    public void Remaining_CountsDownInMinutesAndSeconds(double secondsLeft, string shown)
    {
        Assert.Equal(shown, OfferExpiry.Remaining(PaidAt.AddSeconds(secondsLeft), PaidAt));
    }

    [Theory]
    [InlineData(OfferKind.PostPurchaseUpsell, null, null)]
    [InlineData(OfferKind.PostPurchaseUpsell, 1, null)]
    [InlineData(OfferKind.Downsell, 10080, null)]
    [InlineData(OfferKind.PostPurchaseUpsell, 0, "1 to 10,080 minutes")]
    [InlineData(OfferKind.Downsell, 10081, "1 to 10,080 minutes")]
    [InlineData(OfferKind.CrossSell, 10, "cannot expire")]
    [InlineData(OfferKind.CrossSell, null, null)]
    public void Problem_NamesWhatIsWrongWithTheAdminsLimit(OfferKind kind, int? minutes, string? problem)
    {
        var found = OfferExpiry.Problem(kind, minutes);

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RuleValidation_ACrossSellThatExpires_IsRefusedOnThatField()
    {
        var products = new Dictionary<string, RuleProduct> { ["a"] = new("a", 100, "USD", false), ["b"] = new("b", 200, "USD", false) };

        var errors = RuleValidation.Validate(new RuleDraft(0, OfferKind.CrossSell, "a", "b", null, ExpiresAfterMinutes: 30), [], products);

        Assert.Contains(errors, e => e.Field == nameof(RuleDraft.ExpiresAfterMinutes) && e.Message.Contains("cannot expire", StringComparison.Ordinal));
    }
}
