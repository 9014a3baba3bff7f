namespace Storefront.Web.Features.Orders;

/// <summary>What a checkout tells Dodo to write on its payment, so the payment finds its way back.</summary>
internal static class CheckoutMetadata
{
    /// <summary>Links a checkout to the offer it came from, so its payment counts for that offer.</summary>
    public static Dictionary<string, string> WithOfferAttempt(this Dictionary<string, string> metadata, Guid? offerAttemptId)
    {
        if (offerAttemptId is not null)
        {
            metadata[PaymentOutcomes.OfferAttemptIdKey] = offerAttemptId.Value.ToString();
        }

        return metadata;
    }
}
