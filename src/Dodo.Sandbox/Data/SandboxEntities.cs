namespace Dodo.Sandbox.Data;

// The sandbox's own records: what Dodo's database would hold. Amounts are minor units; times are UTC.

internal sealed class SbCustomer
{
    public required string Id { get; init; }
    public required string Email { get; set; }
    public required string Name { get; set; }
    public string? PhoneNumber { get; set; }
    public string MetadataJson { get; set; } = "{}";
    public DateTime CreatedAt { get; init; }
}

internal sealed class SbPaymentMethod
{
    public required string Id { get; init; }
    public required string CustomerId { get; init; }
    public required string Last4 { get; init; }
    public required string Network { get; init; }
    public required string CardType { get; init; }
    public required string ExpiryMonth { get; init; }
    public required string ExpiryYear { get; init; }
    public string? HolderName { get; init; }
    public required string IssuingCountry { get; init; }
    public required CardBehaviour Behaviour { get; init; }
    /// <summary>Comma-separated ISO currencies this card can pay in.</summary>
    public required string Currencies { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? LastUsedAt { get; set; }
    public bool Deleted { get; set; }
}

internal sealed class SbProduct
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public bool IsRecurring { get; set; }
    public long Price { get; set; }
    public required string Currency { get; set; }
    /// <summary>"Day" | "Week" | "Month" | "Year" for recurring products.</summary>
    public string? Interval { get; set; }
    public int IntervalCount { get; set; } = 1;
    public string TaxCategory { get; set; } = "digital_products";
    /// <summary>A subscription's term: it expires after this many intervals (Dodo's subscription_period_count/interval).</summary>
    public int TermCount { get; set; } = 10;
    public string TermInterval { get; set; } = "Year";
    public bool Archived { get; set; }
    /// <summary>A licence key is issued for each purchase of it (Dodo's license_key_enabled).</summary>
    public bool LicenseKeyEnabled { get; set; }
    /// <summary>How many instances one key can activate (null: unlimited).</summary>
    public int? LicenseKeyActivationsLimit { get; set; }
    /// <summary>Days a new subscription runs free before its first charge (the price's trial_period_days; 0: none).</summary>
    public int TrialPeriodDays { get; set; }
    public string MetadataJson { get; set; } = "{}";
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class SbCheckoutSession
{
    public required string Id { get; init; }
    /// <summary>The create request as received (product cart, customer, billing, return URL, metadata, flags).</summary>
    public required string RequestJson { get; init; }
    public string? CustomerId { get; set; }
    public string? PaymentId { get; set; }
    /// <summary>The subscription a trial-only checkout started (no payment was made).</summary>
    public string? SubscriptionId { get; set; }
    /// <summary>Set for update-payment-method sessions: the page saves a card for this subscription instead of selling.</summary>
    public string? UpdatesSubscriptionId { get; init; }
    public bool Completed { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime ExpiresAt { get; init; }
}

internal sealed class SbPayment
{
    public required string Id { get; init; }
    public required string CustomerId { get; init; }
    public string? SubscriptionId { get; init; }
    public string? CheckoutSessionId { get; init; }
    public required string Status { get; set; }
    public long TotalAmount { get; init; }
    public long Tax { get; init; }
    public required string Currency { get; init; }
    /// <summary>JSON array of {product_id, quantity}; null for subscription renewals and plan changes.</summary>
    public string? ProductCartJson { get; init; }
    public string MetadataJson { get; init; } = "{}";
    public string BillingJson { get; init; } = "{\"country\":\"US\"}";
    public string? PaymentMethodId { get; init; }
    public string? CardLast4 { get; init; }
    public string? CardNetwork { get; init; }
    public string? CardType { get; init; }
    public string? CardCountry { get; init; }
    public string? CardHolderName { get; init; }
    /// <summary>The discount applied to the cart, if any (Dodo's deprecated single <c>discount_id</c>).</summary>
    public string? DiscountId { get; init; }
    /// <summary>A licence key was issued for this payment.</summary>
    public bool HasLicenseKey { get; set; }
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }
    /// <summary>Charged with a saved card without the customer on Dodo's page (one-click, renewals, plan changes).</summary>
    public bool OffSession { get; init; }
    /// <summary>While processing: when the settlement worker decides it (real time, like a card network's latency).</summary>
    public DateTime? SettlesAt { get; set; }
    /// <summary>While requires_customer_action: when the bank's challenge lapses and the payment is cancelled (sandbox clock).</summary>
    public DateTime? ActionExpiresAt { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class SbRefund
{
    public required string Id { get; init; }
    public required string PaymentId { get; init; }
    public required string CustomerId { get; init; }
    /// <summary>pending → succeeded | failed.</summary>
    public required string Status { get; set; }
    public long Amount { get; init; }
    public required string Currency { get; init; }
    public bool IsPartial { get; init; }
    public string? Reason { get; init; }
    /// <summary>Decided when the refund was asked for (the fail_next_refunds switch); applied when it settles.</summary>
    public bool WillFail { get; init; }
    /// <summary>While pending: when the settlement worker finishes it (real time).</summary>
    public DateTime? SettlesAt { get; set; }
    public DateTime CreatedAt { get; init; }
}

internal sealed class SbSubscription
{
    public required string Id { get; init; }
    public required string CustomerId { get; init; }
    public required string ProductId { get; set; }
    public int Quantity { get; set; } = 1;
    public required string Status { get; set; }
    public long RecurringAmount { get; set; }
    public required string Currency { get; init; }
    public required string Interval { get; set; }
    public int IntervalCount { get; set; } = 1;
    public DateTime PreviousBillingDate { get; set; }
    public DateTime NextBillingDate { get; set; }
    public DateTime CreatedAt { get; init; }
    public string? PaymentMethodId { get; set; }
    /// <summary>Credit from downgrades: internal to this subscription, applied to its future charges ([DOCnew]).</summary>
    public long Credit { get; set; }
    /// <summary>While on_hold: what the declined charge asked for, charged once when a new card is added.</summary>
    public long Dues { get; set; }
    /// <summary>The dues are a renewal's: paying them moves the billing date on by one period.</summary>
    public bool DuesForRenewal { get; set; }
    public bool CancelAtNextBillingDate { get; set; }
    public DateTime? CancelledAt { get; set; }
    /// <summary>The end of the subscription's term (created + the product's term); no renewal is charged from then on.</summary>
    public DateTime ExpiresAt { get; set; }
    public int TermCount { get; set; } = 10;
    public string TermInterval { get; set; } = "Year";
    public string MetadataJson { get; set; } = "{}";
    public string BillingJson { get; set; } = "{\"country\":\"US\"}";
    /// <summary>A change stored with effective_at=next_billing_date: {id, product_id, quantity, created_at}.</summary>
    public string? ScheduledChangeJson { get; set; }
    /// <summary>The trial the subscription started with (Dodo's trial_period_days; it stays after the trial ends).</summary>
    public int TrialPeriodDays { get; init; }
    /// <summary>The discount taken off each renewal (set by change-plan's discount_codes), if any.</summary>
    public string? DiscountId { get; set; }
    /// <summary>How many more renewals it applies to; null: every one.</summary>
    public int? DiscountCyclesRemaining { get; set; }
    /// <summary>While the trial runs: when it ends (the first charge is due). Null once it ended, by renewal or a paid change.</summary>
    public DateTime? TrialEndsAt { get; set; }
}

internal sealed class SbWebhookDelivery
{
    public required string Id { get; init; }
    public required string EventType { get; init; }
    public required string Payload { get; init; }
    public DateTime CreatedAt { get; init; }
    public long Sequence { get; init; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public string? LastError { get; set; }
    public bool GaveUp { get; set; }
}

internal sealed class SbClockState
{
    public int Id { get; init; } = 1;
    public long OffsetTicks { get; set; }
}

/// <summary>How a test card behaves (see <see cref="Checkout.TestCards"/>).</summary>
internal enum CardBehaviour
{
    Succeeds = 0,
    GenericDecline = 1,
    InsufficientFunds = 2,
    /// <summary>4000000000000341: paid at checkout, declined on every later off-session charge.</summary>
    FailsOffSession = 3,
    /// <summary>4000002500003155: the bank asks the customer to authenticate (3-D Secure) at checkout and on one-click charges.</summary>
    RequiresAuthentication = 4,
}

/// <summary>A discount code (POST /discounts). Dodo's API has one type, <c>percentage</c>, in basis points.</summary>
internal sealed class SbDiscount
{
    public required string Id { get; init; }
    public required string Code { get; init; }
    public string Type { get; init; } = "percentage";
    /// <summary>Basis points: 2000 is 20%.</summary>
    public int Amount { get; init; }
    public string? Name { get; init; }
    /// <summary>JSON array of product ids; empty: any product.</summary>
    public string RestrictedToJson { get; init; } = "[]";
    public DateTime? ExpiresAt { get; init; }
    public int? UsageLimit { get; init; }
    public int? SubscriptionCycles { get; init; }
    public int TimesUsed { get; set; }
    public bool Deleted { get; set; }
    public DateTime CreatedAt { get; init; }
}

/// <summary>A licence key issued for one purchase of a licence-enabled product (GET /license_keys).</summary>
internal sealed class SbLicenseKey
{
    public required string Id { get; init; }
    public required string Key { get; init; }
    /// <summary>"active" | "expired" | "disabled" (a refunded purchase's key is disabled).</summary>
    public string Status { get; set; } = "active";
    public required string CustomerId { get; init; }
    public required string ProductId { get; init; }
    public required string PaymentId { get; init; }
    public int? ActivationsLimit { get; init; }
    public int InstancesCount { get; set; }
    public DateTime? ExpiresAt { get; init; }
    public DateTime CreatedAt { get; init; }
}

/// <summary>One activation of a licence key (a device or server), made by POST /licenses/activate.</summary>
internal sealed class SbLicenseKeyInstance
{
    public required string Id { get; init; }
    public required string LicenseKeyId { get; init; }
    public required string Name { get; init; }
    public DateTime CreatedAt { get; init; }
}

/// <summary>A customer portal link (POST /customers/{id}/customer-portal/session): whoever holds it sees that customer's billing.</summary>
internal sealed class SbPortalSession
{
    public required string Id { get; init; }
    public required string CustomerId { get; init; }
    public DateTime ExpiresAt { get; init; }
}
