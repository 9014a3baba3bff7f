namespace Storefront.Domain.Offers;

public enum OfferVerdict
{
    WouldShow = 0,
    NotLive = 1,
    Declined = 2,
    AlreadyTried = 3,
    AlreadyOwned = 4,
    Outranked = 5,
    OnlyAfterDecline = 6,
    OnlyAfterAccept = 7,
}

public sealed record OfferExplanation(OfferRule Rule, OfferVerdict Verdict, string Reason);

/// <summary>The admin's dry run: for a purchase, every rule it triggers and whether (and why not) it would show.</summary>
public static class OfferExplainer
{
    public static IReadOnlyList<OfferExplanation> Explain(string purchasedProductId, IEnumerable<OfferRule> rules, OfferHistory history, DateTime now)
    {
        var relevant = rules.Where(r => r.TriggerProductId == purchasedProductId).OrderBy(r => r.Kind).ThenByDescending(r => r.Priority).ThenBy(r => r.Id).ToList();
        var winner = OfferSelector.PostPurchase(purchasedProductId, relevant, history, now);
        var crossSells = OfferSelector.CrossSells(purchasedProductId, relevant, history, now).Select(r => r.Id).ToHashSet();
        return relevant.Select(rule => Explain(rule, winner, crossSells, history, now)).ToList();
    }

    private static OfferExplanation Explain(OfferRule rule, OfferRule? winner, HashSet<long> crossSells, OfferHistory history, DateTime now)
    {
        if (!rule.IsActive)
        {
            return new(rule, OfferVerdict.NotLive, "The rule is switched off.");
        }

        if (!rule.IsLiveAt(now))
        {
            return new(rule, OfferVerdict.NotLive, "Outside the rule's time window.");
        }

        if (history.DeclinedRuleIds.Contains(rule.Id))
        {
            return new(rule, OfferVerdict.Declined, "This customer declined the offer before; it is not shown again.");
        }

        if (history.AttemptedRuleIds.Contains(rule.Id))
        {
            return new(rule, OfferVerdict.AlreadyTried, "Already shown and acted on for this order.");
        }

        if (history.OwnedProductIds.Contains(rule.OfferProductId))
        {
            return new(rule, OfferVerdict.AlreadyOwned, "The customer already owns the offered product.");
        }

        return rule.Kind switch
        {
            OfferKind.PostPurchaseUpsell when rule.FollowsRuleId is { } accepted => new(rule, OfferVerdict.OnlyAfterAccept, $"Shown next if the customer accepts rule {accepted}."),
            OfferKind.PostPurchaseUpsell when winner?.Id == rule.Id => new(rule, OfferVerdict.WouldShow, "Highest-priority live upsell for this purchase."),
            OfferKind.PostPurchaseUpsell => new(rule, OfferVerdict.Outranked, $"Rule {winner?.Id} has a higher priority and is shown instead."),
            OfferKind.Downsell => new(rule, OfferVerdict.OnlyAfterDecline, $"Shown once if the customer declines rule {rule.FollowsRuleId}."),
            OfferKind.CrossSell when crossSells.Contains(rule.Id) => new(rule, OfferVerdict.WouldShow, "Suggested with the order and on the product page."),
            OfferKind.CrossSell => new(rule, OfferVerdict.Outranked, "Other cross-sells rank higher (three are shown at most)."),
        };
    }
}
