namespace Storefront.Domain.Offers;

/// <summary>What the admin reads for offer kinds and dry-run verdicts (never the enum names).</summary>
public static class OfferWords
{
    public static string Kind(OfferKind kind) => kind switch
    {
        OfferKind.PostPurchaseUpsell => "Upsell",
        OfferKind.CrossSell => "Cross-sell",
        OfferKind.Downsell => "Downsell",
    };

    public static string Verdict(OfferVerdict verdict) => verdict switch
    {
        OfferVerdict.WouldShow => "Would show",
        OfferVerdict.NotLive => "Not live",
        OfferVerdict.Declined => "Declined before",
        OfferVerdict.AlreadyTried => "Already tried on this order",
        OfferVerdict.AlreadyOwned => "Already owned",
        OfferVerdict.Outranked => "Outranked",
        OfferVerdict.OnlyAfterDecline => "Only after a decline",
        OfferVerdict.OnlyAfterAccept => "Only after an accept",
    };
}
