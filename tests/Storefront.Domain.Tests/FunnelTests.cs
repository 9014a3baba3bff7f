using Storefront.Domain.Offers;

namespace Storefront.Domain.Tests;

/// <summary>
/// A funnel for one purchase: a first upsell, then a next upsell after an accept or a downsell after a decline, at
/// most three offers on any path.
/// </summary>
public sealed class FunnelTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);

    private static readonly Dictionary<string, RuleProduct> Products = new()
    {
        ["addon"] = new("addon", 1900, "USD", false),
        ["ebook"] = new("ebook", 1200, "USD", false),
        ["starter"] = new("starter", 4900, "USD", false),
        ["license"] = new("license", 2900, "USD", false),
        ["sticker"] = new("sticker", 300, "USD", false),
    };

    private static readonly OfferRule First = new(1, OfferKind.PostPurchaseUpsell, "addon", "ebook", 10, true);
    private static readonly OfferRule NextAfterAccept = new(2, OfferKind.PostPurchaseUpsell, "addon", "starter", 10, true, FollowsRuleId: 1);
    private static readonly OfferRule DownsellOfNext = new(3, OfferKind.Downsell, "addon", "license", 10, true, FollowsRuleId: 2);
    private static readonly OfferRule[] Funnel = [First, NextAfterAccept, DownsellOfNext];

    [Fact]
    public void PostPurchase_OpensWithTheFirstUpsell_NeverALaterStep()
    {
        Assert.Equal(First, OfferSelector.PostPurchase("addon", Funnel, OfferHistory.Empty, Now));
        Assert.Null(OfferSelector.PostPurchase("addon", [NextAfterAccept], OfferHistory.Empty, Now));
    }

    [Fact]
    public void NextAfterAccept_IsTheUpsellThatFollowsTheAcceptedOne_AndNotADownsell()
    {
        Assert.Equal(NextAfterAccept, OfferSelector.NextAfterAccept(First, Funnel, OfferHistory.Empty, Now));
        Assert.Null(OfferSelector.NextAfterAccept(NextAfterAccept, Funnel, OfferHistory.Empty, Now)); // only a downsell follows it
        Assert.Equal(DownsellOfNext, OfferSelector.DownsellAfter(NextAfterAccept, Funnel, OfferHistory.Empty, Now));
    }

    [Fact]
    public void NextAfterAccept_AProductTheCustomerOwns_IsSkipped()
    {
        var owns = OfferHistory.Empty with { OwnedProductIds = new HashSet<string> { "starter" } };

        Assert.Null(OfferSelector.NextAfterAccept(First, Funnel, owns, Now));
    }

    [Fact]
    public void Validate_ANextUpsellAfterAnAccept_AndADownsellAfterIt_MakeThreeOffers_AndAreAllowed()
    {
        Assert.Empty(RuleValidation.Validate(new RuleDraft(0, OfferKind.PostPurchaseUpsell, "addon", "starter", 1), [First], Products));
        Assert.Empty(RuleValidation.Validate(new RuleDraft(0, OfferKind.Downsell, "addon", "license", 2), [First, NextAfterAccept], Products));
    }

    [Fact]
    public void Validate_AFourthOfferOnAnyPath_IsRefused()
    {
        var errors = RuleValidation.Validate(new RuleDraft(0, OfferKind.PostPurchaseUpsell, "addon", "sticker", 3), Funnel, Products);

        Assert.Contains(errors, e => e.Field == nameof(RuleDraft.FollowsRuleId) && e.Message == "A funnel holds at most 3 offers; this one would have 4.");
    }

    [Fact]
    public void Validate_MovingTheFirstUpsellBelowItsOwnNextStep_IsALoop()
    {
        var errors = RuleValidation.Validate(new RuleDraft(1, OfferKind.PostPurchaseUpsell, "addon", "ebook", 3), Funnel, Products);

        Assert.Contains(errors, e => e.Message == "These offers would follow each other in a loop.");
    }

    [Fact]
    public void Validate_ANextUpsellForAnotherPurchase_IsRefused()
    {
        var errors = RuleValidation.Validate(new RuleDraft(0, OfferKind.PostPurchaseUpsell, "starter", "sticker", 1), [First], Products);

        Assert.Contains(errors, e => e.Message == "A next offer follows an offer made for the same purchase.");
    }

    [Fact]
    public void Validate_AStepAddedAboveAnExistingBranch_CountsTheLongestPathBelowIt()
    {
        // First → (accept) 2 → (decline) 3 already has three offers; putting 2 under a new step would make four.
        var newRoot = new OfferRule(4, OfferKind.PostPurchaseUpsell, "addon", "sticker", 5, true);

        var errors = RuleValidation.Validate(new RuleDraft(2, OfferKind.PostPurchaseUpsell, "addon", "starter", 1), [First, DownsellOfNext, newRoot], Products);
        Assert.Empty(errors);

        var deeper = new OfferRule(5, OfferKind.PostPurchaseUpsell, "addon", "ebook", 5, true, FollowsRuleId: 4);
        errors = RuleValidation.Validate(new RuleDraft(2, OfferKind.PostPurchaseUpsell, "addon", "starter", 5), [First, DownsellOfNext, newRoot, deeper], Products);
        Assert.Contains(errors, e => e.Message == "A funnel holds at most 3 offers; this one would have 4.");
    }

    [Fact]
    public void Explain_ANextStep_SaysItShowsOnlyAfterAnAccept()
    {
        var explained = OfferExplainer.Explain("addon", Funnel, OfferHistory.Empty, Now);

        Assert.Equal(OfferVerdict.WouldShow, explained.Single(e => e.Rule.Id == 1).Verdict);
        Assert.Equal(OfferVerdict.OnlyAfterAccept, explained.Single(e => e.Rule.Id == 2).Verdict);
        Assert.Equal(OfferVerdict.OnlyAfterDecline, explained.Single(e => e.Rule.Id == 3).Verdict);
    }
}
