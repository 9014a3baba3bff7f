using Storefront.Domain.Offers;

namespace Storefront.Domain.Tests;

public sealed class RuleValidationTests
{
    private static readonly Dictionary<string, RuleProduct> Products = new()
    {
        ["starter"] = new("starter", 4900, "USD", false),
        ["bundle"] = new("bundle", 14900, "USD", false),
        ["ebook"] = new("ebook", 1200, "USD", false),
        ["addon"] = new("addon", 1900, "USD", false),
        ["sticker"] = new("sticker", 300, "USD", false),
        ["old"] = new("old", 900, "USD", true),
        ["rupee"] = new("rupee", 149900, "INR", false),
    };

    private static readonly OfferRule Upsell = new(1, OfferKind.PostPurchaseUpsell, "starter", "bundle", 10, true);
    private static readonly OfferRule Downsell = new(2, OfferKind.Downsell, "starter", "addon", 10, true, FollowsRuleId: 1);

    [Fact]
    public void Validate_GoodUpsell_HasNoErrors()
    {
        Assert.Empty(RuleValidation.Validate(new RuleDraft(0, OfferKind.PostPurchaseUpsell, "ebook", "addon", null), [Upsell], Products));
    }

    [Theory]
    [InlineData("starter", "starter", "OfferProductId", "different product")]
    [InlineData(null, "bundle", "TriggerProductId", "Choose the trigger")]
    [InlineData("starter", "nope", "OfferProductId", "does not exist")]
    [InlineData("starter", "old", "OfferProductId", "archived")]
    [InlineData("starter", "rupee", "OfferProductId", "one currency")]
    public void Validate_BadProducts_NamesTheFieldAndTheReason(string? trigger, string? offer, string field, string reason)
    {
        var errors = RuleValidation.Validate(new RuleDraft(0, OfferKind.CrossSell, trigger, offer, null), [], Products);

        Assert.Contains(errors, e => e.Field == field && e.Message.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_DownsellNotCheaperThanTheOfferItFollows_IsRefused()
    {
        var errors = RuleValidation.Validate(new RuleDraft(0, OfferKind.Downsell, "starter", "bundle", 1), [Upsell], Products);

        Assert.Contains(errors, e => e.Message == "A downsell must be cheaper than the offer it follows.");
    }

    [Fact]
    public void Validate_DownsellWithoutTheOfferItFollows_IsRefused()
    {
        Assert.Contains(RuleValidation.Validate(new RuleDraft(0, OfferKind.Downsell, "starter", "ebook", null), [Upsell], Products),
            e => e.Field == "FollowsRuleId");
    }

    [Fact]
    public void Validate_FourthOfferInAFunnel_IsRefused()
    {
        var third = new OfferRule(3, OfferKind.Downsell, "starter", "ebook", 10, true, FollowsRuleId: 2);

        var errors = RuleValidation.Validate(new RuleDraft(0, OfferKind.Downsell, "starter", "sticker", 3), [Upsell, Downsell, third], Products);

        Assert.Contains(errors, e => e.Message.Contains("at most 3 offers", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ThirdOfferInAFunnel_IsAllowed()
    {
        Assert.Empty(RuleValidation.Validate(new RuleDraft(0, OfferKind.Downsell, "starter", "ebook", 2), [Upsell, Downsell], Products));
    }

    [Fact]
    public void Validate_UpsellsLeadingBackToTheTrigger_AreACycle()
    {
        var errors = RuleValidation.Validate(new RuleDraft(0, OfferKind.PostPurchaseUpsell, "bundle", "starter", null), [Upsell], Products);

        Assert.Contains(errors, e => e.Message.Contains("loop", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_DownsellMadeToFollowItsOwnFollower_IsACycle()
    {
        var child = new OfferRule(3, OfferKind.Downsell, "starter", "ebook", 10, true, FollowsRuleId: 2);

        var errors = RuleValidation.Validate(new RuleDraft(2, OfferKind.Downsell, "starter", "addon", 3), [Upsell, Downsell, child], Products);

        Assert.Contains(errors, e => e.Message.Contains("loop", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_CrossSellThatFollowsAnOffer_IsRefused()
    {
        Assert.Contains(RuleValidation.Validate(new RuleDraft(0, OfferKind.CrossSell, "starter", "ebook", 1), [Upsell], Products),
            e => e.Field == "FollowsRuleId");
    }
}
