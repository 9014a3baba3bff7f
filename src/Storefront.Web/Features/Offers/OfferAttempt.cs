using Storefront.Domain.Offers;

namespace Storefront.Web.Features.Offers;

public enum OfferAttemptStatus
{
    /// <summary>Rendered to the customer; nothing decided.</summary>
    Shown = 0,

    Declined = 1,

    /// <summary>Claimed by one accept; the single charge request is on its way to Dodo.</summary>
    Charging = 2,

    /// <summary>Dodo accepted the charge request; waiting for payment.succeeded/failed.</summary>
    Submitted = 3,

    Succeeded = 4,

    Failed = 5,

    /// <summary>No answer from Dodo; settled by looking the payment up, never by charging again.</summary>
    Unknown = 6,

    /// <summary>Replaced, untouched, by another live offer of the same product (one live offer per customer and product).</summary>
    Withdrawn = 7,

    /// <summary>Closed, untouched, at its deadline (a set time after the purchase it followed); nothing was charged.</summary>
    Expired = 8,
}

/// <summary>
/// One offer shown to one customer for one order. Unique per (user, rule, order), and at most one is live per
/// (user, product) across rules and pages; an accept claims it with an atomic status change, so however many clicks,
/// tabs, pages or retries arrive, at most one charge is requested for a product.
/// </summary>
public sealed class OfferAttempt
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public required string UserId { get; init; }

    public long RuleId { get; init; }

    public OfferKind Kind { get; init; }

    /// <summary>The order whose page showed the offer.</summary>
    public Guid OrderId { get; init; }

    public required string OfferProductId { get; init; }

    public OfferAttemptStatus Status { get; set; }

    /// <summary>The saved card the button named when it was shown.</summary>
    public string? PaymentMethodId { get; set; }

    public string? CheckoutSessionId { get; set; }

    public string? PaymentId { get; set; }

    /// <summary>Where the customer's bank asks them to confirm the charge (3-D Secure), while Dodo waits for them.</summary>
    public string? CustomerActionUrl { get; set; }

    /// <summary>The order created for the accepted offer.</summary>
    public Guid? ResultOrderId { get; set; }

    /// <summary>What Dodo charged, from the confirmed payment (revenue added).</summary>
    public long? PaidAmountMinor { get; set; }

    public string? Currency { get; set; }

    public string? FailureMessage { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime? DecidedAt { get; set; }

    /// <summary>When the offer closes, fixed when it is first shown (see <see cref="Storefront.Domain.Offers.OfferExpiry"/>); null: it stays open.</summary>
    public DateTime? ExpiresAt { get; init; }

    /// <summary>How many the accept asked for (set by the claim); the charge is for that many.</summary>
    public int Quantity { get; set; } = 1;

    /// <summary>The experiment variant the customer was shown (see <see cref="Storefront.Web.Features.Experiments.ExperimentArms"/>); null: the rule as it is.</summary>
    public long? VariantId { get; init; }

    /// <summary>The discount shown with the offer, fixed when it is first shown so a later rule edit never changes the amount seen.</summary>
    public int? DiscountPercent { get; init; }
}
