namespace Storefront.Domain.Offers;

public enum OfferKind
{
    /// <summary>
    /// Shown on the order page right after the trigger product was paid for; charged with one click. One that follows
    /// another offer is the funnel's next step, shown after that offer is accepted and paid.
    /// </summary>
    PostPurchaseUpsell = 0,

    /// <summary>Suggested on the trigger product's page and on its order page.</summary>
    CrossSell = 1,

    /// <summary>A cheaper alternative shown once when the offer it follows is declined.</summary>
    Downsell = 2,
}
