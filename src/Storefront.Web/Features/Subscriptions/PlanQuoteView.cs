using Storefront.Domain;
using Storefront.Domain.Plans;
using Storefront.Web.Features.Catalog;

namespace Storefront.Web.Features.Subscriptions;

public sealed record QuoteLine(string Name, int Quantity, Money UnitPrice, double ProrationFactor);

/// <summary>Dodo's preview of a plan change, as the dialog shows it. Every amount is Dodo's.</summary>
public sealed record PlanQuoteView(
    Guid QuoteId,
    CatalogItem From,
    CatalogItem To,
    PlanChangeDirection Direction,
    ProrationMode Mode,
    ChangeTiming Timing,
    Money ChargedNow,
    long CustomerCreditsMinor,
    DateTime EffectiveAt,
    DateTime NextBillingDate,
    Money NewRecurring,
    IReadOnlyList<QuoteLine> Lines)
{
    /// <summary>The subscription's card, which Dodo charges for the change (null when Dodo no longer lists it).</summary>
    public Storefront.Domain.Payments.SavedCard? Card { get; init; }

    /// <summary>Credit the change creates (Dodo: positive customer_credits); never shows a negative number as credit.</summary>
    public Money? CreditCreated => CustomerCreditsMinor > 0 ? new Money(CustomerCreditsMinor, ChargedNow.Currency) : null;

    /// <summary>Credit this charge uses up (Dodo: negative customer_credits).</summary>
    public Money? CreditUsed => CustomerCreditsMinor < 0 ? new Money(-CustomerCreditsMinor, ChargedNow.Currency) : null;

    public string ModeInPlainWords => PlanChangeText.Describe(Mode);
}

public enum ConfirmOutcome
{
    Submitted = 0,
    /// <summary>Dodo's numbers changed since the preview: show the new quote and ask again.</summary>
    PreviewChanged = 1,
    AlreadyConfirmed = 2,
    Failed = 3,
    Unknown = 4,
    Refused = 5,
}

public sealed record ConfirmResult(ConfirmOutcome Outcome, string Message, PlanQuoteView? NewQuote = null);
