namespace Storefront.Domain.Offers;

/// <summary>What the validator needs to know about a product.</summary>
public sealed record RuleProduct(string Id, long PriceMinor, string Currency, bool IsArchived, bool IsPlan = false);

/// <summary>A rule as an admin submits it (Id 0 = new).</summary>
public sealed record RuleDraft(long Id, OfferKind Kind, string? TriggerProductId, string? OfferProductId, long? FollowsRuleId, int? ExpiresAfterMinutes = null, int MaxQuantity = 1, int? DiscountPercent = null);

public sealed record RuleError(string Field, string Message);

/// <summary>
/// The upsell map's rules, checked before anything is saved: offer differs from trigger; both exist and are on
/// sale; same currency; a downsell follows an existing offer and is cheaper than it; a next upsell follows an offer
/// for the same purchase; no cycles; at most three offers on any path through one funnel; an expiry only on an offer that follows a purchase;
/// a quantity only for a one-time product.
/// </summary>
public static class RuleValidation
{
    public const int MaxOffersPerFunnel = 3;

    public static IReadOnlyList<RuleError> Validate(RuleDraft draft, IReadOnlyCollection<OfferRule> existing, IReadOnlyDictionary<string, RuleProduct> products)
    {
        var errors = new List<RuleError>();
        var trigger = Product(draft.TriggerProductId, nameof(RuleDraft.TriggerProductId), "trigger", products, errors);
        var offer = Product(draft.OfferProductId, nameof(RuleDraft.OfferProductId), "offered", products, errors);

        if (draft.TriggerProductId is not null && draft.TriggerProductId == draft.OfferProductId)
        {
            errors.Add(new(nameof(RuleDraft.OfferProductId), "The offer must be a different product from the one bought."));
        }

        if (trigger is not null && offer is not null && trigger.Currency != offer.Currency)
        {
            errors.Add(new(nameof(RuleDraft.OfferProductId), $"The offer is priced in {offer.Currency} but the trigger in {trigger.Currency}; use one currency."));
        }

        var others = existing.Where(r => r.Id != draft.Id).ToList();
        if (draft.Kind == OfferKind.Downsell || (draft.Kind == OfferKind.PostPurchaseUpsell && draft.FollowsRuleId is not null))
        {
            ValidateFunnelStep(draft, others, products, offer, errors);
        }
        else if (draft.FollowsRuleId is not null)
        {
            errors.Add(new(nameof(RuleDraft.FollowsRuleId), "A cross-sell follows no other offer."));
        }

        if (draft.Kind == OfferKind.PostPurchaseUpsell && draft.TriggerProductId is not null && draft.OfferProductId is not null
            && LeadsBackTo(draft.OfferProductId, draft.TriggerProductId, others))
        {
            errors.Add(new(nameof(RuleDraft.OfferProductId), "This would make a loop: buying the offer already leads back to the trigger."));
        }

        if (OfferExpiry.Problem(draft.Kind, draft.ExpiresAfterMinutes) is { } expiryProblem)
        {
            errors.Add(new(nameof(RuleDraft.ExpiresAfterMinutes), expiryProblem));
        }

        if (OfferQuantity.LimitProblem(draft.MaxQuantity, offer?.IsPlan ?? false) is { } quantityProblem)
        {
            errors.Add(new(nameof(RuleDraft.MaxQuantity), quantityProblem));
        }

        if (OfferDiscount.Problem(draft.DiscountPercent, offer?.IsPlan ?? false) is { } discountProblem)
        {
            errors.Add(new(nameof(RuleDraft.DiscountPercent), discountProblem));
        }

        return errors;
    }

    /// <summary>
    /// A downsell (after a decline) or a next upsell (after an accept): it follows an offer for the same purchase, the
    /// chain up from it ends at a first upsell, never at itself, and no path through the funnel passes three offers.
    /// </summary>
    private static void ValidateFunnelStep(RuleDraft draft, List<OfferRule> others, IReadOnlyDictionary<string, RuleProduct> products, RuleProduct? offer, List<RuleError> errors)
    {
        var isDownsell = draft.Kind == OfferKind.Downsell;
        if (draft.FollowsRuleId is not { } followsId || others.FirstOrDefault(r => r.Id == followsId) is not { } follows || follows.Kind == OfferKind.CrossSell)
        {
            errors.Add(new(nameof(RuleDraft.FollowsRuleId), isDownsell ? "Choose the offer this downsell follows." : "Choose an upsell or downsell for this offer to follow."));
            return;
        }

        if (follows.TriggerProductId != draft.TriggerProductId)
        {
            errors.Add(new(nameof(RuleDraft.FollowsRuleId), $"A {(isDownsell ? "downsell" : "next offer")} follows an offer made for the same purchase."));
        }

        if (isDownsell && offer is not null && products.TryGetValue(follows.OfferProductId, out var declined) && offer.PriceMinor >= declined.PriceMinor)
        {
            errors.Add(new(nameof(RuleDraft.OfferProductId), "A downsell must be cheaper than the offer it follows."));
        }

        // Walk up the chain: it must end at a first upsell, never at this rule (a loop).
        var above = 1;
        var seen = new HashSet<long> { draft.Id };
        for (var current = follows; current.FollowsRuleId is { } parentId; above++)
        {
            if (!seen.Add(current.Id) || others.FirstOrDefault(r => r.Id == parentId) is not { } parent)
            {
                errors.Add(new(nameof(RuleDraft.FollowsRuleId), "These offers would follow each other in a loop."));
                return;
            }

            current = parent;
        }

        if (draft.Id != 0 && Descendants(draft.Id, others).Contains(follows.Id))
        {
            errors.Add(new(nameof(RuleDraft.FollowsRuleId), "These offers would follow each other in a loop."));
        }
        else if (above + 1 + StepsBelow(draft.Id, others) is var longest && longest > MaxOffersPerFunnel)
        {
            errors.Add(new(nameof(RuleDraft.FollowsRuleId), $"A funnel holds at most {MaxOffersPerFunnel} offers; this one would have {longest}."));
        }
    }

    /// <summary>The most offers a customer can still see after this one (the longest path below it).</summary>
    private static int StepsBelow(long ruleId, List<OfferRule> rules, int depth = 0) =>
        ruleId == 0 || depth > MaxOffersPerFunnel ? 0
        : rules.Where(r => r.FollowsRuleId == ruleId).Select(r => 1 + StepsBelow(r.Id, rules, depth + 1)).DefaultIfEmpty(0).Max();

    private static HashSet<long> Descendants(long ruleId, List<OfferRule> rules)
    {
        var found = new HashSet<long>();
        var queue = new Queue<long>([ruleId]);
        while (queue.Count > 0)
        {
            var id = queue.Dequeue();
            foreach (var child in rules.Where(r => r.FollowsRuleId == id && found.Add(r.Id)))
            {
                queue.Enqueue(child.Id);
            }
        }

        return found;
    }

    private static bool LeadsBackTo(string from, string target, List<OfferRule> rules)
    {
        var seen = new HashSet<string>();
        var queue = new Queue<string>([from]);
        while (queue.Count > 0)
        {
            var product = queue.Dequeue();
            if (product == target)
            {
                return true;
            }

            foreach (var next in rules.Where(r => r.Kind == OfferKind.PostPurchaseUpsell && r.TriggerProductId == product).Select(r => r.OfferProductId))
            {
                if (seen.Add(next))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return false;
    }

    private static RuleProduct? Product(string? id, string field, string role, IReadOnlyDictionary<string, RuleProduct> products, List<RuleError> errors)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add(new(field, $"Choose the {role} product."));
            return null;
        }

        if (!products.TryGetValue(id, out var product))
        {
            errors.Add(new(field, $"The {role} product does not exist in the catalog."));
            return null;
        }

        if (product.IsArchived)
        {
            errors.Add(new(field, $"The {role} product is archived."));
            return null;
        }

        return product;
    }
}
