namespace Storefront.Domain.Offers;

/// <summary>
/// What the customer has already done with offers: a declined or attempted offer is not shown again, nor a product
/// they own (or are buying), nor, on the same order, a product they declined there.
/// </summary>
public sealed record OfferHistory(IReadOnlySet<long> DeclinedRuleIds, IReadOnlySet<long> AttemptedRuleIds, IReadOnlySet<string> OwnedProductIds)
{
    public static OfferHistory Empty { get; } = new(new HashSet<long>(), new HashSet<long>(), new HashSet<string>());

    /// <summary>Products declined on this order, through any offer.</summary>
    public IReadOnlySet<string> DeclinedProductIds { get; init; } = new HashSet<string>();
}

/// <summary>Picks offers from the rules. Pure: time and history are parameters.</summary>
public static class OfferSelector
{
    /// <summary>The post-purchase offer for a paid product: the live rule with the highest priority the customer has
    /// not declined or tried, for a product they do not own already. A funnel's later steps never open it.</summary>
    public static OfferRule? PostPurchase(string purchasedProductId, IEnumerable<OfferRule> rules, OfferHistory history, DateTime now) =>
        Eligible(rules, OfferKind.PostPurchaseUpsell, purchasedProductId, history, now).FirstOrDefault(r => r.FollowsRuleId is null);

    /// <summary>The funnel's next step once an offer is accepted and paid: an upsell that follows it.</summary>
    public static OfferRule? NextAfterAccept(OfferRule accepted, IEnumerable<OfferRule> rules, OfferHistory history, DateTime now) =>
        rules.Where(r => r.Kind == OfferKind.PostPurchaseUpsell && r.FollowsRuleId == accepted.Id && IsOpen(r, history, now))
            .OrderByDescending(r => r.Priority).ThenBy(r => r.Id)
            .FirstOrDefault();

    /// <summary>Cross-sells for a product page or order page, best first.</summary>
    public static IReadOnlyList<OfferRule> CrossSells(string productId, IEnumerable<OfferRule> rules, OfferHistory history, DateTime now, int max = 3) =>
        Eligible(rules, OfferKind.CrossSell, productId, history, now).Take(max).ToList();

    /// <summary>The downsell that follows a declined offer, shown once.</summary>
    public static OfferRule? DownsellAfter(OfferRule declined, IEnumerable<OfferRule> rules, OfferHistory history, DateTime now) =>
        rules.Where(r => r.Kind == OfferKind.Downsell && r.FollowsRuleId == declined.Id && IsOpen(r, history, now))
            .OrderByDescending(r => r.Priority).ThenBy(r => r.Id)
            .FirstOrDefault();

    private static IEnumerable<OfferRule> Eligible(IEnumerable<OfferRule> rules, OfferKind kind, string triggerProductId, OfferHistory history, DateTime now) =>
        rules.Where(r => r.Kind == kind && r.TriggerProductId == triggerProductId && IsOpen(r, history, now))
            .OrderByDescending(r => r.Priority).ThenBy(r => r.Id);

    private static bool IsOpen(OfferRule rule, OfferHistory history, DateTime now) =>
        rule.IsLiveAt(now)
        && !history.DeclinedRuleIds.Contains(rule.Id)
        && !history.AttemptedRuleIds.Contains(rule.Id)
        && !history.OwnedProductIds.Contains(rule.OfferProductId)
        && !history.DeclinedProductIds.Contains(rule.OfferProductId);
}
