using Storefront.Domain.Offers;

namespace Storefront.Domain.Tests;

public sealed class OfferQuantityTests
{
    [Theory]
    [InlineData(1, 5, null)]
    [InlineData(5, 5, null)]
    [InlineData(0, 5, "Choose a quantity from 1 to 5.")]
    [InlineData(6, 5, "Choose a quantity from 1 to 5.")]
    [InlineData(-3, 5, "Choose a quantity from 1 to 5.")]
    [InlineData(2, 1, "This offer is for one.")]
    public void Problem_RefusesAQuantityOutsideTheOffersLimit(int quantity, int limit, string? problem)
    {
        Assert.Equal(problem, OfferQuantity.Problem(quantity, limit));
    }

    [Theory]
    [InlineData(1, true, null)]
    [InlineData(10, false, null)]
    [InlineData(100, false, null)]
    [InlineData(0, false, "from 1 to 100")]
    [InlineData(101, false, "from 1 to 100")]
    [InlineData(3, true, "no quantity")]
    public void LimitProblem_AllowsOneToAHundred_AndOnlyOneForAPlan(int limit, bool isPlan, string? problem)
    {
        var found = OfferQuantity.LimitProblem(limit, isPlan);

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
    public void Money_Times_IsTheExactTotalInMinorUnits()
    {
        Assert.Equal(new Money(5700, "USD"), new Money(1900, "USD").Times(3));
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue / 2, "USD").Times(3));
    }

    [Fact]
    public void RuleValidation_APlanOfferedInQuantity_IsRefusedOnThatField()
    {
        var products = new Dictionary<string, RuleProduct>
        {
            ["basic"] = new("basic", 2900, "USD", false, IsPlan: true),
            ["pro"] = new("pro", 7900, "USD", false, IsPlan: true),
        };

        var errors = RuleValidation.Validate(new RuleDraft(0, OfferKind.PostPurchaseUpsell, "basic", "pro", null, MaxQuantity: 5), [], products);

        Assert.Contains(errors, e => e.Field == nameof(RuleDraft.MaxQuantity) && e.Message.Contains("no quantity", StringComparison.Ordinal));
    }
}
