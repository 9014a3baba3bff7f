using System.Text.Json.Nodes;
using Dodo.Sandbox.Api;
using Dodo.Sandbox.Billing;
using Dodo.Sandbox.Data;
using Microsoft.EntityFrameworkCore;

namespace Dodo.Sandbox.Checkout;

/// <summary>
/// POST /checkouts: validates the session and either charges a saved card at once (one-click: payment_method_id +
/// confirm + existing customer) or opens the hosted checkout page. Refusals follow Dodo's documented one-click rules.
/// </summary>
internal sealed class CheckoutSessions(SandboxClock clock, Charges charges, SubscriptionBilling subscriptions, SandboxEndpointAddress address)
{
    internal sealed record Cart(IReadOnlyList<(SbProduct Product, int Quantity)> Lines, string Currency)
    {
        /// <summary>The discount codes redeemed on this cart (checked by <see cref="WithDiscountsAsync"/>).</summary>
        public IReadOnlyList<SbDiscount> Discounts { get; init; } = [];

        /// <summary>The trial the cart's subscription starts with (the request's subscription_data, else the product's); 0: none.</summary>
        public int TrialDays { get; init; }

        /// <summary>What is charged today: a subscription in its trial costs nothing until the trial ends.</summary>
        public long Total => Lines.Sum(l => l.Product.IsRecurring && TrialDays > 0 ? 0 : LineTotal(l));

        /// <summary>Only a subscription starting its trial: nothing to charge, the card is kept for the first bill.</summary>
        public bool IsTrialOnly => TrialDays > 0 && Total == 0;

        /// <summary>A line's price × quantity less each discount that applies to its product, in turn.</summary>
        public long LineTotal((SbProduct Product, int Quantity) line) =>
            Discounts.Where(d => DiscountRules.AppliesTo(d, line.Product.Id))
                .Aggregate(line.Product.Price * line.Quantity, (amount, discount) => DiscountRules.Apply(amount, discount));

        public string? DiscountId => Discounts.FirstOrDefault()?.Id;

        /// <summary>Counts one redemption of each code (a payment was made with it).</summary>
        public void RecordDiscountUse()
        {
            foreach (var discount in Discounts)
            {
                discount.TimesUsed++;
            }
        }

        /// <summary>The subscription product in the cart, if any (a cart holds at most one).</summary>
        public (SbProduct Product, int Quantity)? Recurring =>
            Lines.Where(l => l.Product.IsRecurring).Select(l => ((SbProduct, int)?)l).FirstOrDefault();

        public string ProductCartJson => new JsonArray(Lines.Select(l => (JsonNode)new JsonObject
        {
            ["product_id"] = l.Product.Id,
            ["quantity"] = l.Quantity,
        }).ToArray()).ToJsonString();
    }

    public async Task<JsonObject> CreateAsync(SandboxDbContext db, RequestBody body)
    {
        body.RequiredArray("product_cart");
        var cart = await ReadCartAsync(db, body.Json, clock.UtcNow);
        var customerJson = body.OptionalObject("customer");
        var customerId = customerJson is null ? null : RequestBody.String(customerJson, "customer_id");
        var customerEmail = customerJson is null ? null : RequestBody.String(customerJson, "email");
        if (customerJson is not null && customerId is null && string.IsNullOrWhiteSpace(customerEmail))
        {
            throw SandboxRequestException.Body("customer must be {customer_id} or {email, name?, phone_number?}.");
        }

        var billing = body.OptionalObject("billing_address");
        if (billing is not null && string.IsNullOrWhiteSpace(RequestBody.String(billing, "country")))
        {
            throw SandboxRequestException.Body("billing_address.country is required.");
        }

        if (body.OptionalBool("confirm") == true)
        {
            RequireFullBillingAddress(billing, body.OptionalBool("minimal_address") == true);
        }

        RedirectUrls.Validate(body, "return_url");
        RedirectUrls.Validate(body, "cancel_url");

        var metadataJson = body.MetadataJson();
        var paymentMethodId = body.OptionalString("payment_method_id");
        var confirm = body.OptionalBool("confirm") ?? false;
        SbCustomer? customer = null;
        if (customerId is not null)
        {
            customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId)
                ?? throw SandboxRequestException.Invalid($"Customer {customerId} does not exist.");
        }

        var now = clock.UtcNow;
        var session = new SbCheckoutSession
        {
            Id = SandboxIds.CheckoutSession(),
            RequestJson = body.Json.ToJsonString(),
            CustomerId = customer?.Id,
            CreatedAt = now,
            ExpiresAt = now + (confirm ? TimeSpan.FromMinutes(15) : TimeSpan.FromHours(24)),
        };
        db.CheckoutSessions.Add(session);

        if (paymentMethodId is null)
        {
            if (confirm)
            {
                throw SandboxRequestException.Invalid("confirm: true needs payment details; the sandbox takes them as payment_method_id.");
            }

            return SessionResponse(session, address.CheckoutUrl(session.Id).ToString(), null);
        }

        // Dodo's one-click rule: payment_method_id only with confirm: true and an existing customer that owns the method.
        if (!confirm)
        {
            throw SandboxRequestException.Invalid("payment_method_id is only allowed when confirm is true.");
        }

        if (customer is null)
        {
            throw SandboxRequestException.Invalid("payment_method_id requires customer.customer_id of an existing customer.");
        }

        var method = await db.PaymentMethods.FirstOrDefaultAsync(m => m.Id == paymentMethodId && !m.Deleted);
        if (method is null || method.CustomerId != customer.Id)
        {
            throw SandboxRequestException.Invalid($"Payment method {paymentMethodId} does not belong to customer {customer.Id}.");
        }

        if (IsExpired(method, now))
        {
            throw SandboxRequestException.Invalid($"Payment method {paymentMethodId} has expired.");
        }

        if (!method.Currencies.Split(',').Contains(cart.Currency))
        {
            throw SandboxRequestException.Invalid($"Payment method {paymentMethodId} cannot pay in {cart.Currency}.");
        }

        if (cart.IsTrialOnly)
        {
            var declined = StartTrial(db, session, customer, method, cart, Charges.BillingFrom(billing), metadataJson);
            return declined is null ? SessionResponse(session, null, null)
                : throw new SandboxRequestException(422, declined, $"The card was declined ({declined}); no subscription was started.");
        }

        var payment = Pay(db, session, customer, method, cart, Charges.BillingFrom(billing), metadataJson, offSession: true);
        // [INF] Dodo does not document how one-click surfaces 3-D Secure (README §12): the sandbox hands back the
        // bank's page as checkout_url, the one place the answer has for "send the customer here".
        var actionUrl = payment.Status == "requires_customer_action" ? address.AuthenticationUrl(payment.Id).ToString() : null;
        return SessionResponse(session, actionUrl, payment.Id);
    }

    /// <summary>Charges the cart; a recurring product also gets its subscription (active if paid, failed if not).</summary>
    public SbPayment Pay(SandboxDbContext db, SbCheckoutSession session, SbCustomer customer, SbPaymentMethod method, Cart cart, string billingJson, string metadataJson, bool offSession, bool authenticationFailed = false)
    {
        SbSubscription? subscription = null;
        if (cart.Recurring is { } recurring)
        {
            subscription = subscriptions.Create(db, customer, recurring.Product, recurring.Quantity, method, billingJson, metadataJson, cart.TrialDays);
        }

        var payment = charges.Charge(db, new ChargeRequest(customer, method, cart.Total, cart.Currency, offSession, metadataJson, billingJson,
            ProductCartJson: subscription is null ? cart.ProductCartJson : null, SubscriptionId: subscription?.Id, CheckoutSessionId: session.Id,
            AuthenticationFailed: authenticationFailed, DiscountId: cart.DiscountId));
        cart.RecordDiscountUse();
        if (subscription is not null)
        {
            subscriptions.Activate(db, subscription, customer, payment.Status == "succeeded");
        }

        session.CustomerId = customer.Id;
        session.PaymentId = payment.Id;
        return payment;
    }

    /// <summary>
    /// A cart that is only a subscription in its trial [INF: Dodo documents no payment for it]: the card is checked
    /// (a card its bank declines is refused, and nothing is created), saved as the subscription's mandate, and the
    /// subscription starts active with no payment. Returns the decline code, or null when the trial started.
    /// </summary>
    public string? StartTrial(SandboxDbContext db, SbCheckoutSession session, SbCustomer customer, SbPaymentMethod method, Cart cart, string billingJson, string metadataJson, bool authenticationFailed = false)
    {
        var declined = authenticationFailed ? "AUTHENTICATION_FAILED" : method.Behaviour switch
        {
            CardBehaviour.GenericDecline => "GENERIC_DECLINE",
            CardBehaviour.InsufficientFunds => "INSUFFICIENT_FUNDS",
            CardBehaviour.Succeeds or CardBehaviour.FailsOffSession or CardBehaviour.RequiresAuthentication => null,
        };
        if (declined is not null)
        {
            return declined;
        }

        var (product, quantity) = cart.Recurring!.Value;
        var subscription = subscriptions.Create(db, customer, product, quantity, method, billingJson, metadataJson, cart.TrialDays);
        subscriptions.Activate(db, subscription, customer, paid: true);
        method.LastUsedAt = clock.UtcNow;
        session.CustomerId = customer.Id;
        session.SubscriptionId = subscription.Id;
        return null;
    }

    /// <summary>The request's product_cart with its discount_codes applied (checkout sessions and POST /payments).</summary>
    public static async Task<Cart> ReadCartAsync(SandboxDbContext db, JsonObject request, DateTime now)
    {
        var cart = await WithDiscountsAsync(db, await ReadCartAsync(db, (JsonArray)(request["product_cart"] ?? throw SandboxRequestException.Body("product_cart is required."))),
            request["discount_codes"] as JsonArray, now);
        return cart.Recurring is { } recurring ? cart with { TrialDays = TrialDays(request, recurring.Product) } : cart;
    }

    /// <summary>subscription_data.trial_period_days overrides the product's trial (0 to 10000 days; 0: no trial).</summary>
    private static int TrialDays(JsonObject request, SbProduct product)
    {
        if (request["subscription_data"] is not JsonObject data || data["trial_period_days"] is null)
        {
            return product.TrialPeriodDays;
        }

        return data["trial_period_days"] is JsonValue value && value.TryGetValue<int>(out var days) && days is >= 0 and <= 10_000
            ? days
            : throw SandboxRequestException.Body("subscription_data.trial_period_days must be an integer from 0 to 10000.");
    }

    /// <summary>
    /// Redeems the codes: each must exist, not be deleted or expired, have uses left and apply to a product in the
    /// cart, or the whole request is refused with INVALID_DISCOUNT_CODE (nothing is charged).
    /// </summary>
    public static async Task<Cart> WithDiscountsAsync(SandboxDbContext db, Cart cart, JsonArray? codes, DateTime now)
    {
        if (codes is null || codes.Count == 0)
        {
            return cart;
        }

        if (codes.Count > 20)
        {
            throw SandboxRequestException.Body("discount_codes takes at most 20 codes.");
        }

        if (cart.Recurring is not null)
        {
            throw SandboxRequestException.Invalid("The sandbox puts discounts on subscriptions through change-plan only, not at checkout.");
        }

        var discounts = new List<SbDiscount>();
        foreach (var code in codes.Select(c => c?.GetValue<string>()?.ToUpperInvariant()))
        {
            var discount = code is null ? null : await db.Discounts.FirstOrDefaultAsync(d => d.Code == code && !d.Deleted);
            var usable = discount is not null && DiscountRules.IsRedeemable(discount, now)
                && cart.Lines.Any(l => DiscountRules.AppliesTo(discount, l.Product.Id));
            if (!usable)
            {
                throw new SandboxRequestException(422, "INVALID_DISCOUNT_CODE", $"Discount code {code} is not valid for this cart.");
            }

            discounts.Add(discount!);
        }

        return cart with { Discounts = discounts };
    }

    public static async Task<Cart> ReadCartAsync(SandboxDbContext db, JsonArray productCart)
    {
        var lines = new List<(SbProduct, int)>();
        foreach (var item in productCart)
        {
            if (item is not JsonObject line)
            {
                throw SandboxRequestException.Body("product_cart items must be objects.");
            }

            var productId = RequestBody.String(line, "product_id") ?? throw SandboxRequestException.Body("product_cart[].product_id is required.");
            var quantity = line["quantity"] is JsonValue q && q.TryGetValue<int>(out var n) ? n : throw SandboxRequestException.Body("product_cart[].quantity must be an integer.");
            if (quantity < 1)
            {
                throw SandboxRequestException.Body("product_cart[].quantity must be at least 1.");
            }

            var product = await db.Products.FirstOrDefaultAsync(p => p.Id == productId)
                ?? throw SandboxRequestException.Invalid($"Product {productId} does not exist.");
            if (product.Archived)
            {
                throw new SandboxRequestException(422, "PRODUCT_IS_DELETED", $"Product {productId} is archived.");
            }

            lines.Add((product, quantity));
        }

        var currencies = lines.Select(l => l.Item1.Currency).Distinct().ToList();
        if (currencies.Count != 1)
        {
            throw SandboxRequestException.Invalid("All products in one checkout must share a currency.");
        }

        if (lines.Count(l => l.Item1.IsRecurring) > 1)
        {
            throw SandboxRequestException.Invalid("A checkout can hold at most one subscription product.");
        }

        return new Cart(lines, currencies[0]);
    }

    /// <summary>
    /// [DOC25] With confirm: true every billing field is required (only the postal code with minimal_address); Dodo
    /// taxes by this address as merchant of record. State may be empty where a country has none [INF].
    /// </summary>
    private static void RequireFullBillingAddress(System.Text.Json.Nodes.JsonObject? billing, bool minimal)
    {
        var required = minimal ? new[] { "country", "zipcode" } : ["country", "street", "city", "zipcode"];
        var missing = required.Where(field => billing is null || string.IsNullOrWhiteSpace(RequestBody.String(billing, field))).ToList();
        if (missing.Count > 0)
        {
            throw SandboxRequestException.Invalid($"billing_address is required with confirm: true (missing {string.Join(", ", missing)}).");
        }
    }

    public static bool IsExpired(SbPaymentMethod method, DateTime now)
    {
        var year = int.Parse(method.ExpiryYear, System.Globalization.CultureInfo.InvariantCulture);
        var month = int.Parse(method.ExpiryMonth, System.Globalization.CultureInfo.InvariantCulture);
        return new DateTime(year < 100 ? 2000 + year : year, month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1) <= now;
    }

    private static JsonObject SessionResponse(SbCheckoutSession session, string? checkoutUrl, string? paymentId) => new()
    {
        ["session_id"] = session.Id,
        ["checkout_url"] = checkoutUrl,
        ["payment_id"] = paymentId,
        ["client_secret"] = paymentId is null ? null : "sandbox-client-secret-" + session.Id,
        ["publishable_key"] = paymentId is null ? null : "sandbox-publishable-key",
    };
}
