using Storefront.Domain.Offers;

namespace Storefront.Domain.Tests;

public sealed class OfferSelectorTests
{
    private static readonly DateTime Now = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);

    private static readonly OfferRule Bundle = new(1, OfferKind.PostPurchaseUpsell, "starter", "bundle", 10, true);
    private static readonly OfferRule Ebook = new(2, OfferKind.Downsell, "starter", "ebook", 10, true, FollowsRuleId: 1);
    private static readonly OfferRule CheaperBundle = new(3, OfferKind.PostPurchaseUpsell, "starter", "mini-bundle", 5, true);
    private static readonly OfferRule[] Rules = [Bundle, Ebook, CheaperBundle];

    [Fact]
    public void PostPurchase_SeveralRules_PicksTheHighestPriority()
    {
        Assert.Equal(Bundle, OfferSelector.PostPurchase("starter", Rules, OfferHistory.Empty, Now));
    }

    [Fact]
    public void CrossSells_ProductDeclinedOnThisOrderThroughAnotherOffer_IsNotOfferedAgain()
    {
        var readers = new OfferRule(7, OfferKind.CrossSell, "starter", "ebook", 5, true);
        var history = OfferHistory.Empty with { DeclinedProductIds = new HashSet<string> { "ebook" } };

        Assert.Empty(OfferSelector.CrossSells("starter", [readers], history, Now));
        Assert.Single(OfferSelector.CrossSells("starter", [readers], OfferHistory.Empty, Now));
    }

    [Fact]
    public void PostPurchase_DeclinedBefore_IsNotShownAgain()
    {
        var history = new OfferHistory(new HashSet<long> { 1 }, new HashSet<long>(), new HashSet<string>());

        Assert.Equal(CheaperBundle, OfferSelector.PostPurchase("starter", Rules, history, Now));
    }

    [Fact]
    public void PostPurchase_AlreadyOwnsTheOffer_IsSkipped()
    {
        var history = new OfferHistory(new HashSet<long>(), new HashSet<long>(), new HashSet<string> { "bundle", "mini-bundle" });

        Assert.Null(OfferSelector.PostPurchase("starter", Rules, history, Now));
    }

    [Theory]
    [InlineData(false, null, null)]
    [InlineData(true, "2026-11-22", null)]
    [InlineData(true, null, "2026-11-21T12:00:00")]
    public void PostPurchase_InactiveOrOutsideItsWindow_IsNotShown(bool active, string? starts, string? ends)
    {
        var rule = Bundle with
        {
            IsActive = active,
            StartsAt = starts is null ? null : DateTime.Parse(starts, System.Globalization.CultureInfo.InvariantCulture),
            EndsAt = ends is null ? null : DateTime.Parse(ends, System.Globalization.CultureInfo.InvariantCulture),
        };

        Assert.Null(OfferSelector.PostPurchase("starter", [rule], OfferHistory.Empty, Now));
    }

    [Fact]
    public void DownsellAfter_TheDeclinedOffer_IsShownOnce()
    {
        Assert.Equal(Ebook, OfferSelector.DownsellAfter(Bundle, Rules, OfferHistory.Empty, Now));

        var declinedDownsell = new OfferHistory(new HashSet<long> { 1, 2 }, new HashSet<long>(), new HashSet<string>());
        Assert.Null(OfferSelector.DownsellAfter(Bundle, Rules, declinedDownsell, Now));
    }

    [Fact]
    public void CrossSells_OnlyForTheirTriggerAndBestFirst()
    {
        var a = new OfferRule(10, OfferKind.CrossSell, "basic", "addon", 1, true);
        var b = new OfferRule(11, OfferKind.CrossSell, "basic", "ebook", 9, true);
        var c = new OfferRule(12, OfferKind.CrossSell, "pro", "addon", 9, true);

        Assert.Equal([b, a], OfferSelector.CrossSells("basic", [a, b, c], OfferHistory.Empty, Now));
    }
}

public sealed class OfferWordsTests
{
    [Fact]
    public void EveryKindAndVerdict_HasWordsForTheAdmin_NotACodeName()
    {
        var words = Enum.GetValues<Storefront.Domain.Offers.OfferKind>().Select(Storefront.Domain.Offers.OfferWords.Kind)
            .Concat(Enum.GetValues<Storefront.Domain.Offers.OfferVerdict>().Select(Storefront.Domain.Offers.OfferWords.Verdict));

        // "Already tried on this order", not "AlreadyTried": no capital letter after the first.
        Assert.All(words, text => Assert.DoesNotContain(text.Skip(1), char.IsUpper));
    }
}
