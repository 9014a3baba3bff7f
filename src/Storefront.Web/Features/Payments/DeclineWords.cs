namespace Storefront.Web.Features.Payments;

/// <summary>
/// What a customer reads when a charge is declined. Dodo's <c>error_message</c> is written for the merchant ("Ask the
/// customer to update their payment method"), so customers get words chosen from the <c>error_code</c> instead.
/// </summary>
public static class DeclineWords
{
    /// <summary>Why a payment that ended without money moving did so: cancelled (its confirmation lapsed) or declined.</summary>
    public static string For(Dodo.Payments.Models.Payment payment) => payment.Status == Dodo.Payments.Models.PaymentStatus.Cancelled
        ? "The payment wasn't confirmed with your bank in time, so it was cancelled."
        : For(payment.ErrorCode);

    public static string For(string? errorCode) => errorCode switch
    {
        "INSUFFICIENT_FUNDS" => "Your bank declined the charge: the card doesn't have enough funds.",
        "EXPIRED_CARD" => "Your bank declined the charge: the card has expired.",
        "AUTHENTICATION_FAILURE" => "Your bank couldn't confirm the payment.",
        _ => "Your bank declined the charge.",
    };

    /// <summary>Dodo refused the request itself (a 4xx): nothing reached the bank.</summary>
    public const string Refused = "Dodo couldn't use your saved card for this.";
}
