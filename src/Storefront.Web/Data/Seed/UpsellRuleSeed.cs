using Storefront.Domain.Offers;
using Storefront.Web.Features.Offers;

namespace Storefront.Web.Data.Seed;

/// <summary>The demo upsell maps (Development): Basic → Pro, Pro monthly → yearly, Starter course → Complete bundle, Single → Team license,
/// downsells after the last two, and cross-sells. A downsell names the offer it follows by that offer's position in
/// the list; ids are left to the database (explicit ids would not advance PostgreSQL's identity sequence).</summary>
internal static class UpsellRuleSeed
{
    public static IReadOnlyList<(UpsellRule Rule, int? FollowsIndex)> Rules(DateTime now) =>
    [
        Rule(OfferKind.PostPurchaseUpsell, "basic-plan", "pro-plan", "Upgrade to Pro",
            "Unlimited orders, post-purchase upsells and conversion analytics.", "Most popular upgrade", 10, now),
        Rule(OfferKind.PostPurchaseUpsell, "starter-course", "complete-bundle", "Get the Complete bundle",
            "Twelve advanced lessons, the template library and a year of live Q&A recordings.", "Best value", 10, now),
        Rule(OfferKind.PostPurchaseUpsell, "single-license", "team-license", "Bring your whole team",
            "Ten seats with shared team settings and priority email support.", null, 10, now),
        Rule(OfferKind.Downsell, "starter-course", "upsell-playbook-ebook", "Not now? Take the Upsell Playbook",
            "Ninety pages of offer templates and case studies.", null, 10, now, followsIndex: 1),
        Rule(OfferKind.Downsell, "single-license", "premium-addon", "Make your license go further",
            "Premium themes, custom domains and branded receipts.", null, 10, now, followsIndex: 2),
        Rule(OfferKind.CrossSell, "basic-plan", "premium-addon", "Pairs well: Premium add-on",
            "Premium themes and custom domains for your storefront.", null, 5, now),
        Rule(OfferKind.CrossSell, "pro-plan", "premium-addon", "Pairs well: Premium add-on",
            "Premium themes and custom domains for your storefront.", null, 5, now),
        Rule(OfferKind.CrossSell, "starter-course", "upsell-playbook-ebook", "Readers also bought",
            "The Upsell Playbook: the maths of offers customers thank you for.", null, 5, now),
        Rule(OfferKind.CrossSell, "complete-bundle", "upsell-playbook-ebook", "Readers also bought",
            "The Upsell Playbook: the maths of offers customers thank you for.", null, 5, now),
        Rule(OfferKind.PostPurchaseUpsell, "pro-plan", "pro-plan-yearly", "Switch to yearly: two months free",
            "Pay for ten months, get twelve. Your plan stays the same.", null, 10, now),
    ];

    private static (UpsellRule, int?) Rule(OfferKind kind, string trigger, string offer, string headline, string value, string? badge, int priority, DateTime now, int? followsIndex = null) => (new UpsellRule
    {
        Kind = kind, TriggerProductId = trigger, OfferProductId = offer, Headline = headline, ValueText = value, Badge = badge,
        Priority = priority, IsActive = true, CreatedAt = now, UpdatedAt = now,
    }, followsIndex);
}
