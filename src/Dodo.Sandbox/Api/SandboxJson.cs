using System.Globalization;
using System.Text.Json.Nodes;
using Dodo.Sandbox.Data;

namespace Dodo.Sandbox.Api;

/// <summary>
/// Writes the sandbox's records in Dodo's exact response shapes (every field of shared/dodo-api fixtures, optional
/// ones as null). Deliberately independent of the client's models: the contract tests compare these shapes with the
/// fixtures, and the client must parse them.
/// </summary>
internal static class SandboxJson
{
    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static JsonNode? TimeOrNull(DateTime? utc) => utc is null ? null : Time(utc.Value);

    public static JsonObject Parse(string json) => JsonNode.Parse(json)?.AsObject() ?? [];

    public static JsonArray ParseArray(string json) => JsonNode.Parse(json)?.AsArray() ?? [];

    /// <summary>A billing address with every field present (optional ones null), whatever the request left out.</summary>
    public static JsonObject Billing(string json)
    {
        var given = Parse(json);
        return new JsonObject
        {
            ["country"] = given["country"]?.DeepClone() ?? "US",
            ["state"] = given["state"]?.DeepClone(),
            ["city"] = given["city"]?.DeepClone(),
            ["street"] = given["street"]?.DeepClone(),
            ["zipcode"] = given["zipcode"]?.DeepClone(),
        };
    }

    public static JsonObject Customer(SbCustomer c) => new()
    {
        ["business_id"] = SandboxOptions.BusinessId,
        ["customer_id"] = c.Id,
        ["email"] = c.Email,
        ["name"] = c.Name,
        ["phone_number"] = c.PhoneNumber,
        ["metadata"] = Parse(c.MetadataJson),
        ["created_at"] = Time(c.CreatedAt),
    };

    public static JsonObject CustomerSummary(SbCustomer c) => new()
    {
        ["customer_id"] = c.Id,
        ["email"] = c.Email,
        ["name"] = c.Name,
        ["phone_number"] = c.PhoneNumber,
        ["metadata"] = Parse(c.MetadataJson),
    };

    public static JsonObject PaymentMethod(SbPaymentMethod m) => new()
    {
        ["payment_method_id"] = m.Id,
        ["payment_method"] = "card",
        ["payment_method_type"] = m.CardType == "DEBIT" ? "debit" : "credit",
        ["recurring_enabled"] = true,
        ["last_used_at"] = TimeOrNull(m.LastUsedAt),
        ["card"] = new JsonObject
        {
            ["card_holder_name"] = m.HolderName,
            ["card_issuing_country"] = m.IssuingCountry,
            ["card_network"] = m.Network,
            ["card_type"] = m.CardType,
            ["last4_digits"] = m.Last4,
            ["expiry_month"] = m.ExpiryMonth,
            ["expiry_year"] = m.ExpiryYear,
        },
    };

    public static JsonObject Price(SbProduct p) => p.IsRecurring
        ? new JsonObject
        {
            ["type"] = "recurring_price",
            ["price"] = p.Price,
            ["currency"] = p.Currency,
            ["discount"] = 0,
            ["purchasing_power_parity"] = false,
            ["payment_frequency_count"] = p.IntervalCount,
            ["payment_frequency_interval"] = p.Interval,
            ["subscription_period_count"] = p.TermCount,
            ["subscription_period_interval"] = p.TermInterval,
            ["trial_period_days"] = p.TrialPeriodDays,
            ["trial_amount"] = null,
            ["trial_apply_discounts"] = null,
            ["tax_inclusive"] = false,
        }
        : new JsonObject
        {
            ["type"] = "one_time_price",
            ["price"] = p.Price,
            ["currency"] = p.Currency,
            ["discount"] = 0,
            ["purchasing_power_parity"] = false,
            ["pay_what_you_want"] = false,
            ["suggested_price"] = null,
            ["tax_inclusive"] = false,
        };

    public static JsonObject Product(SbProduct p) => new()
    {
        ["product_id"] = p.Id,
        ["business_id"] = SandboxOptions.BusinessId,
        ["brand_id"] = SandboxOptions.BrandId,
        ["name"] = p.Name,
        ["description"] = p.Description,
        ["image"] = null,
        ["is_recurring"] = p.IsRecurring,
        ["tax_category"] = p.TaxCategory,
        ["price"] = Price(p),
        ["metadata"] = Parse(p.MetadataJson),
        ["addons"] = p.IsRecurring ? new JsonArray() : null,
        ["license_key_enabled"] = p.LicenseKeyEnabled,
        ["license_key_activation_message"] = null,
        ["license_key_activations_limit"] = p.LicenseKeyActivationsLimit,
        ["license_key_duration"] = null,
        ["digital_product_delivery"] = null,
        ["credit_entitlements"] = new JsonArray(),
        ["entitlements"] = new JsonArray(),
        ["pricing_mode"] = null,
        ["product_collection_id"] = null,
        ["created_at"] = Time(p.CreatedAt),
        ["updated_at"] = Time(p.UpdatedAt),
    };

    /// <summary>GET /products items: <c>price</c> is an integer here and the object moves to <c>price_detail</c>.</summary>
    public static JsonObject ProductListItem(SbProduct p) => new()
    {
        ["product_id"] = p.Id,
        ["business_id"] = SandboxOptions.BusinessId,
        ["created_at"] = Time(p.CreatedAt),
        ["updated_at"] = Time(p.UpdatedAt),
        ["is_recurring"] = p.IsRecurring,
        ["tax_category"] = p.TaxCategory,
        ["metadata"] = Parse(p.MetadataJson),
        ["entitlements"] = new JsonArray(),
        ["name"] = p.Name,
        ["description"] = p.Description,
        ["image"] = null,
        ["price"] = p.Price,
        ["currency"] = p.Currency,
        ["tax_inclusive"] = false,
        ["price_detail"] = Price(p),
        ["pricing_mode"] = null,
    };

    /// <summary>A payment as Dodo shows it, with its refunds (refund_status counts the succeeded ones).</summary>
    public static JsonObject Payment(SbPayment p, SbCustomer c, IReadOnlyCollection<SbRefund>? refunds = null) => new()
    {
        ["payload_type"] = "Payment",
        ["payment_id"] = p.Id,
        ["status"] = p.Status,
        ["total_amount"] = p.TotalAmount,
        ["tax"] = p.Tax,
        ["currency"] = p.Currency,
        ["settlement_amount"] = p.TotalAmount,
        ["settlement_currency"] = p.Currency,
        ["settlement_tax"] = p.Tax,
        ["business_id"] = SandboxOptions.BusinessId,
        ["brand_id"] = SandboxOptions.BrandId,
        ["customer"] = CustomerSummary(c),
        ["billing"] = Billing(p.BillingJson),
        ["product_cart"] = p.ProductCartJson is null ? null : JsonNode.Parse(p.ProductCartJson),
        ["subscription_id"] = p.SubscriptionId,
        ["checkout_session_id"] = p.CheckoutSessionId,
        ["payment_method"] = p.PaymentMethodId is null ? null : "card",
        ["payment_method_type"] = p.PaymentMethodId is null ? null : p.CardType == "DEBIT" ? "debit" : "credit",
        ["payment_method_id"] = p.PaymentMethodId,
        ["card_last_four"] = p.CardLast4,
        ["card_network"] = p.CardNetwork,
        ["card_type"] = p.CardType,
        ["card_issuing_country"] = p.CardCountry,
        ["card_holder_name"] = p.CardHolderName,
        ["payment_provider"] = "dodo",
        ["retry_attempt"] = 0,
        ["is_update_payment_method"] = false,
        ["digital_products_delivered"] = p.Status == "succeeded" && p.ProductCartJson is not null,
        ["error_code"] = p.ErrorCode,
        ["error_message"] = p.ErrorMessage,
        ["metadata"] = Parse(p.MetadataJson),
        ["discounts"] = null, // its item shape is not documented (README §12); the deprecated single id is
        ["discount_id"] = p.DiscountId,
        ["refunds"] = new JsonArray((refunds ?? []).Select(r => (JsonNode)RefundListItem(r)).ToArray()),
        ["refund_status"] = RefundStatus(p, refunds),
        ["disputes"] = new JsonArray(),
        ["custom_field_responses"] = null,
        ["invoice_id"] = null,
        ["invoice_url"] = null,
        ["payment_link"] = null,
        ["created_at"] = Time(p.CreatedAt),
        ["updated_at"] = Time(p.UpdatedAt),
    };

    /// <summary>A GET /payments/{id} response is the webhook data without the payload discriminator.</summary>
    public static JsonObject PaymentResource(SbPayment p, SbCustomer c, IReadOnlyCollection<SbRefund>? refunds = null)
    {
        var json = Payment(p, c, refunds);
        json.Remove("payload_type");
        return json;
    }

    public static JsonObject PaymentListItem(SbPayment p, SbCustomer c, IReadOnlyCollection<SbRefund>? refunds = null) => new()
    {
        ["payment_id"] = p.Id,
        ["brand_id"] = SandboxOptions.BrandId,
        ["created_at"] = Time(p.CreatedAt),
        ["currency"] = p.Currency,
        ["customer"] = CustomerSummary(c),
        ["digital_products_delivered"] = p.Status == "succeeded" && p.ProductCartJson is not null,
        ["has_license_key"] = p.HasLicenseKey,
        ["metadata"] = Parse(p.MetadataJson),
        ["payment_provider"] = "dodo",
        ["total_amount"] = p.TotalAmount,
        ["status"] = p.Status,
        ["subscription_id"] = p.SubscriptionId,
        ["payment_method"] = p.PaymentMethodId is null ? null : "card",
        ["payment_method_type"] = p.PaymentMethodId is null ? null : "credit",
        ["card_last_four"] = p.CardLast4,
        ["card_network"] = p.CardNetwork,
        ["refund_status"] = RefundStatus(p, refunds),
        ["dispute_status"] = null,
        ["invoice_id"] = null,
        ["invoice_url"] = null,
    };

    public static JsonObject Subscription(SbSubscription s, SbCustomer c)
    {
        var scheduled = s.ScheduledChangeJson is null ? null : Parse(s.ScheduledChangeJson);
        return new JsonObject
        {
            ["payload_type"] = "Subscription",
            ["subscription_id"] = s.Id,
            ["status"] = s.Status,
            ["product_id"] = s.ProductId,
            ["quantity"] = s.Quantity,
            ["recurring_pre_tax_amount"] = s.RecurringAmount,
            ["currency"] = s.Currency,
            ["tax_inclusive"] = false,
            ["payment_frequency_count"] = s.IntervalCount,
            ["payment_frequency_interval"] = s.Interval,
            ["subscription_period_count"] = s.TermCount,
            ["subscription_period_interval"] = s.TermInterval,
            ["trial_period_days"] = s.TrialPeriodDays,
            ["trial_amount"] = null,
            ["previous_billing_date"] = Time(s.PreviousBillingDate),
            ["next_billing_date"] = Time(s.NextBillingDate),
            ["created_at"] = Time(s.CreatedAt),
            ["cancel_at_next_billing_date"] = s.CancelAtNextBillingDate,
            ["cancelled_at"] = TimeOrNull(s.CancelledAt),
            ["expires_at"] = Time(s.ExpiresAt),
            ["paused_at"] = null,
            ["on_demand"] = false,
            ["payment_method_id"] = s.PaymentMethodId,
            ["scheduled_change"] = scheduled,
            ["customer"] = CustomerSummary(c),
            ["billing"] = Billing(s.BillingJson),
            ["brand_id"] = SandboxOptions.BrandId,
            ["metadata"] = Parse(s.MetadataJson),
            ["addons"] = new JsonArray(),
            ["meters"] = new JsonArray(),
            ["credit_entitlement_cart"] = new JsonArray(),
            ["meter_credit_entitlement_cart"] = new JsonArray(),
            ["discounts"] = null, // its item shape on the full object is not documented (README §7); the list's is
            ["discount_id"] = s.DiscountId,
            ["discount_cycles_remaining"] = s.DiscountCyclesRemaining,
            ["tax_id"] = null,
            ["customer_business_name"] = null,
            ["custom_field_responses"] = null,
            ["cancellation_feedback"] = null,
            ["cancellation_comment"] = null,
        };
    }

    public static JsonObject SubscriptionResource(SbSubscription s, SbCustomer c)
    {
        var json = Subscription(s, c);
        json.Remove("payload_type");
        return json;
    }

    /// <summary>
    /// GET /subscriptions items: the subscription without addons, meters, brand_id and credit carts, plus
    /// product_name; discounts is a list (shared/dodo-api/README.md §7).
    /// </summary>
    public static JsonObject SubscriptionListItem(SbSubscription s, SbCustomer c, SbProduct? product)
    {
        var json = SubscriptionResource(s, c);
        foreach (var key in new[] { "addons", "meters", "brand_id", "credit_entitlement_cart", "meter_credit_entitlement_cart" })
        {
            json.Remove(key);
        }

        json["product_name"] = product?.Name;
        json["discounts"] = s.DiscountId is null ? new JsonArray() : new JsonArray(new JsonObject
        {
            ["discount_id"] = s.DiscountId,
            ["discount_cycles_remaining"] = s.DiscountCyclesRemaining,
        });
        return json;
    }

    /// <summary>"full" once succeeded refunds reach the payment's total, "partial" before that, null without any.</summary>
    public static string? RefundStatus(SbPayment p, IReadOnlyCollection<SbRefund>? refunds)
    {
        var refunded = (refunds ?? []).Where(r => r.Status == "succeeded").Sum(r => r.Amount);
        return refunded == 0 ? null : refunded >= p.TotalAmount ? "full" : "partial";
    }

    public static JsonObject RefundListItem(SbRefund r) => new()
    {
        ["refund_id"] = r.Id,
        ["payment_id"] = r.PaymentId,
        ["business_id"] = SandboxOptions.BusinessId,
        ["status"] = r.Status,
        ["amount"] = r.Amount,
        ["currency"] = r.Currency,
        ["is_partial"] = r.IsPartial,
        ["reason"] = r.Reason,
        ["created_at"] = Time(r.CreatedAt),
    };

    /// <summary>GET /refunds/{id}, POST /refunds, and refund.* webhook data (with payload_type).</summary>
    public static JsonObject RefundResource(SbRefund r, SbCustomer c)
    {
        var json = RefundListItem(r);
        json["customer"] = CustomerSummary(c);
        return json;
    }

    public static JsonObject Refund(SbRefund r, SbCustomer c)
    {
        var json = RefundResource(r, c);
        json["payload_type"] = "Refund";
        return json;
    }

    public static JsonObject Envelope(string type, DateTime occurredAt, JsonObject data) => new()
    {
        ["business_id"] = SandboxOptions.BusinessId,
        ["type"] = type,
        ["timestamp"] = Time(occurredAt),
        ["data"] = data,
    };

    public static JsonObject Discount(SbDiscount d) => new()
    {
        ["discount_id"] = d.Id,
        ["business_id"] = SandboxOptions.BusinessId,
        ["type"] = d.Type,
        ["code"] = d.Code,
        ["amount"] = d.Amount,
        ["name"] = d.Name,
        ["restricted_to"] = JsonNode.Parse(d.RestrictedToJson),
        ["expires_at"] = d.ExpiresAt is { } at ? Time(at) : null,
        ["usage_limit"] = d.UsageLimit,
        ["subscription_cycles"] = d.SubscriptionCycles,
        ["times_used"] = d.TimesUsed,
        ["created_at"] = Time(d.CreatedAt),
    };

    public static JsonObject LicenseKey(SbLicenseKey k) => new()
    {
        ["id"] = k.Id,
        ["business_id"] = SandboxOptions.BusinessId,
        ["key"] = k.Key,
        ["status"] = k.Status,
        ["customer_id"] = k.CustomerId,
        ["product_id"] = k.ProductId,
        ["payment_id"] = k.PaymentId,
        ["subscription_id"] = null,
        ["activations_limit"] = k.ActivationsLimit,
        ["instances_count"] = k.InstancesCount,
        ["expires_at"] = k.ExpiresAt is { } at ? Time(at) : null,
        ["created_at"] = Time(k.CreatedAt),
    };

    public static JsonObject LicenseKeyInstance(SbLicenseKeyInstance i) => new()
    {
        ["id"] = i.Id,
        ["business_id"] = SandboxOptions.BusinessId,
        ["name"] = i.Name,
        ["license_key_id"] = i.LicenseKeyId,
        ["created_at"] = Time(i.CreatedAt),
    };
}
