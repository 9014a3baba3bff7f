using System.Text.Json.Nodes;
using Dodo.Payments.Webhooks;
using Dodo.Sandbox.Api;
using Dodo.Sandbox.Data;
using Dodo.Sandbox.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Dodo.Sandbox.Billing;

/// <summary>A validated change-plan body (the same for change-plan and its preview).</summary>
internal sealed record PlanChange(
    string ProductId, int Quantity, string Mode, string EffectiveAt, string OnPaymentFailure, string? MetadataJson, IReadOnlyList<string>? DiscountCodes = null);

/// <summary>Subscriptions: creation at checkout, plan changes and their previews, renewals, recovery from on_hold.</summary>
internal sealed class SubscriptionBilling(SandboxClock clock, Charges charges, WebhookOutbox outbox)
{
    /// <summary>A new subscription; with a trial its first charge is due when the trial ends, not one period from now.</summary>
    public SbSubscription Create(SandboxDbContext db, SbCustomer customer, SbProduct product, int quantity, SbPaymentMethod method, string billingJson, string metadataJson, int trialDays = 0)
    {
        var now = clock.UtcNow;
        DateTime? trialEndsAt = trialDays > 0 ? now.AddDays(trialDays) : null;
        var subscription = new SbSubscription
        {
            Id = SandboxIds.Subscription(),
            CustomerId = customer.Id,
            ProductId = product.Id,
            Quantity = quantity,
            Status = "pending",
            RecurringAmount = product.Price * quantity,
            Currency = product.Currency,
            Interval = product.Interval ?? "Month",
            IntervalCount = product.IntervalCount,
            PreviousBillingDate = now,
            NextBillingDate = trialEndsAt ?? BillingPeriods.Next(now, product.Interval ?? "Month", product.IntervalCount),
            TrialPeriodDays = trialDays,
            TrialEndsAt = trialEndsAt,
            ExpiresAt = BillingPeriods.Next(now, product.TermInterval, product.TermCount),
            TermCount = product.TermCount,
            TermInterval = product.TermInterval,
            CreatedAt = now,
            PaymentMethodId = method.Id,
            BillingJson = billingJson,
            MetadataJson = metadataJson,
        };
        db.Subscriptions.Add(subscription);
        return subscription;
    }

    /// <summary>After the first payment: active and announced, or failed (terminal) if the card was declined.</summary>
    public void Activate(SandboxDbContext db, SbSubscription subscription, SbCustomer customer, bool paid)
    {
        subscription.Status = paid ? "active" : "failed";
        outbox.Add(db, paid ? WebhookEventTypes.SubscriptionActive : WebhookEventTypes.SubscriptionFailed,
            SandboxJson.Subscription(subscription, customer));
    }

    public async Task<JsonObject> PreviewAsync(SandboxDbContext db, SbSubscription subscription, SbCustomer customer, PlanChange change)
    {
        var product = await PlanProductAsync(db, subscription, change);
        var discount = await DiscountAsync(db, change, product);
        return Preview(subscription, customer, product, change, discount).Json;
    }

    public async Task ChangeAsync(SandboxDbContext db, SbSubscription subscription, SbCustomer customer, PlanChange change)
    {
        var product = await PlanProductAsync(db, subscription, change);
        var discount = await DiscountAsync(db, change, product);
        var now = clock.UtcNow;

        if (change.EffectiveAt == "next_billing_date")
        {
            subscription.ScheduledChangeJson = new JsonObject
            {
                ["id"] = SandboxIds.ScheduledChange(),
                ["product_id"] = product.Id,
                ["quantity"] = change.Quantity,
                ["effective_at"] = SandboxJson.Time(subscription.NextBillingDate),
                ["created_at"] = SandboxJson.Time(now),
                ["addons"] = new JsonArray(),
                ["product_name"] = product.Name,
                ["product_description"] = product.Description,
            }.ToJsonString();
            outbox.Add(db, WebhookEventTypes.SubscriptionUpdated, SandboxJson.Subscription(subscription, customer));
            return;
        }

        var (result, _) = Preview(subscription, customer, product, change, discount);
        if (result.TotalAmount > 0)
        {
            var method = await MethodAsync(db, subscription);
            var payment = charges.Charge(db, new ChargeRequest(customer, method, result.TotalAmount, subscription.Currency,
                OffSession: true, change.MetadataJson ?? subscription.MetadataJson, subscription.BillingJson, SubscriptionId: subscription.Id));
            if (payment.Status != "succeeded")
            {
                if (change.OnPaymentFailure == "prevent_change")
                {
                    return;
                }

                Apply(subscription, product, change, result, now, discount);
                HoldFor(subscription, result.TotalAmount, forRenewal: false);
                outbox.Add(db, WebhookEventTypes.SubscriptionPlanChanged, SandboxJson.Subscription(subscription, customer));
                outbox.Add(db, WebhookEventTypes.SubscriptionOnHold, SandboxJson.Subscription(subscription, customer));
                return;
            }
        }

        Apply(subscription, product, change, result, now, discount);
        if (discount is not null)
        {
            discount.TimesUsed++;
        }

        outbox.Add(db, WebhookEventTypes.SubscriptionPlanChanged, SandboxJson.Subscription(subscription, customer));
        outbox.Add(db, WebhookEventTypes.SubscriptionUpdated, SandboxJson.Subscription(subscription, customer));
    }

    /// <summary>Bills every period that has fallen due by the sandbox clock, oldest first.</summary>
    public async Task<int> RenewDueAsync(SandboxDbContext db)
    {
        var now = clock.UtcNow;
        var due = await db.Subscriptions.Where(s => s.Status == "active" && s.NextBillingDate <= now).ToListAsync();
        var renewals = 0;
        foreach (var subscription in due)
        {
            var customer = await db.Customers.SingleAsync(c => c.Id == subscription.CustomerId);
            while (subscription.Status == "active" && subscription.NextBillingDate <= now)
            {
                await RenewOnceAsync(db, subscription, customer);
                renewals++;
            }
        }

        return renewals;
    }

    /// <summary>
    /// A new card for a subscription; one that is on hold is charged once for what it owes (the declined renewal after
    /// credit, or the declined plan change's amount), reactivated, and (after a renewal) moved on to the next billing date.
    /// </summary>
    public void UseMethod(SandboxDbContext db, SbSubscription subscription, SbCustomer customer, SbPaymentMethod method)
    {
        subscription.PaymentMethodId = method.Id;
        if (subscription.Status != "on_hold")
        {
            outbox.Add(db, WebhookEventTypes.SubscriptionUpdated, SandboxJson.Subscription(subscription, customer));
            return;
        }

        var paid = subscription.Dues == 0 || charges.Charge(db, new ChargeRequest(customer, method, subscription.Dues, subscription.Currency, OffSession: true,
            subscription.MetadataJson, subscription.BillingJson, SubscriptionId: subscription.Id)).Status == "succeeded";
        if (paid)
        {
            subscription.Status = "active";
            if (subscription.DuesForRenewal)
            {
                // The declined renewal's period is now paid: it starts at the old billing date, so the next charge is one
                // period later, not tomorrow again for the same month.
                subscription.PreviousBillingDate = subscription.NextBillingDate;
                subscription.NextBillingDate = BillingPeriods.Next(subscription.NextBillingDate, subscription.Interval, subscription.IntervalCount);
                UseDiscountCycle(subscription);
            }

            subscription.Dues = 0;
            subscription.DuesForRenewal = false;
            outbox.Add(db, WebhookEventTypes.SubscriptionActive, SandboxJson.Subscription(subscription, customer));
        }
    }

    private async Task RenewOnceAsync(SandboxDbContext db, SbSubscription subscription, SbCustomer customer)
    {
        subscription.TrialEndsAt = null; // the first billing date is the trial's end: from here on it is billed
        if (subscription.CancelAtNextBillingDate)
        {
            subscription.Status = "cancelled";
            subscription.CancelledAt = subscription.NextBillingDate;
            outbox.Add(db, WebhookEventTypes.SubscriptionCancelled, SandboxJson.Subscription(subscription, customer));
            return;
        }

        if (subscription.NextBillingDate >= subscription.ExpiresAt)
        {
            // The term (subscription_period_count × interval) is over: no renewal, the subscription expires.
            subscription.Status = "expired";
            outbox.Add(db, WebhookEventTypes.SubscriptionExpired, SandboxJson.Subscription(subscription, customer));
            return;
        }

        if (subscription.ScheduledChangeJson is { } scheduledJson)
        {
            var scheduled = SandboxJson.Parse(scheduledJson);
            var product = await db.Products.SingleAsync(p => p.Id == (string)scheduled["product_id"]!);
            subscription.ProductId = product.Id;
            subscription.Interval = product.Interval ?? "Month"; // the next period is the new plan's
            subscription.IntervalCount = product.IntervalCount;
            subscription.Quantity = (int)scheduled["quantity"]!;
            subscription.RecurringAmount = product.Price * subscription.Quantity;
            subscription.ScheduledChangeJson = null;
            outbox.Add(db, WebhookEventTypes.SubscriptionPlanChanged, SandboxJson.Subscription(subscription, customer));
        }

        // A discount comes off the period's price first (as on a checkout line); then credit from a
        // downgrade pays for renewals ([DOCnew]); only the rest is charged.
        var price = await DiscountedAsync(db, subscription);
        var usedCredit = Math.Min(subscription.Credit, price);
        var owed = price - usedCredit;
        subscription.Credit -= usedCredit;
        if (owed > 0)
        {
            var method = await MethodAsync(db, subscription);
            var payment = charges.Charge(db, new ChargeRequest(customer, method, owed, subscription.Currency, OffSession: true,
                subscription.MetadataJson, subscription.BillingJson, SubscriptionId: subscription.Id));
            if (payment.Status != "succeeded")
            {
                HoldFor(subscription, owed, forRenewal: true);
                outbox.Add(db, WebhookEventTypes.SubscriptionOnHold, SandboxJson.Subscription(subscription, customer));
                return;
            }
        }

        subscription.PreviousBillingDate = subscription.NextBillingDate;
        subscription.NextBillingDate = BillingPeriods.Next(subscription.NextBillingDate, subscription.Interval, subscription.IntervalCount);
        UseDiscountCycle(subscription);
        outbox.Add(db, WebhookEventTypes.SubscriptionRenewed, SandboxJson.Subscription(subscription, customer));
    }

    private static async Task<long> DiscountedAsync(SandboxDbContext db, SbSubscription subscription)
    {
        var discount = subscription.DiscountId is null ? null : await db.Discounts.FirstOrDefaultAsync(d => d.Id == subscription.DiscountId);
        return discount is null ? subscription.RecurringAmount : DiscountRules.Apply(subscription.RecurringAmount, discount);
    }

    /// <summary>One billed period uses one of the discount's cycles; when none are left the discount ends.</summary>
    private static void UseDiscountCycle(SbSubscription subscription)
    {
        if (subscription.DiscountCyclesRemaining is { } left)
        {
            subscription.DiscountCyclesRemaining = left - 1;
            if (left - 1 <= 0)
            {
                subscription.DiscountId = null;
                subscription.DiscountCyclesRemaining = null;
            }
        }
    }

    /// <summary>On hold until a new card pays what the declined charge asked for.</summary>
    private static void HoldFor(SbSubscription subscription, long dues, bool forRenewal)
    {
        subscription.Status = "on_hold";
        subscription.Dues = dues;
        subscription.DuesForRenewal = forRenewal;
    }

    private (Proration.Result Result, JsonObject Json) Preview(SbSubscription subscription, SbCustomer customer, SbProduct product, PlanChange change, SbDiscount? discount)
    {
        var now = clock.UtcNow;
        var scheduled = change.EffectiveAt == "next_billing_date";
        var result = scheduled
            ? new Proration.Result(0, 0, 0, 0, subscription.Credit, false)
            : Proration.Calculate(new Proration.Input(change.Mode, subscription.RecurringAmount, product.Price, change.Quantity,
                subscription.Credit, subscription.PreviousBillingDate, subscription.NextBillingDate, now, ChangesInterval(subscription, product),
                InTrial(subscription, change)));

        var after = Clone(subscription);
        if (!scheduled)
        {
            Apply(after, product, change, result, now, discount);
        }

        var lines = new JsonArray();
        if (result.HasLineItem)
        {
            lines.Add(new JsonObject
            {
                ["type"] = "subscription",
                ["id"] = subscription.Id,
                ["product_id"] = product.Id,
                ["name"] = product.Name,
                ["description"] = product.Description,
                ["currency"] = subscription.Currency,
                ["quantity"] = change.Quantity,
                ["unit_price"] = product.Price,
                ["proration_factor"] = result.ProrationFactor,
                ["tax_inclusive"] = false,
                ["tax"] = 0,
                ["tax_rate"] = 0.0,
            });
        }

        var json = new JsonObject
        {
            ["immediate_charge"] = new JsonObject
            {
                ["effective_at"] = SandboxJson.Time(scheduled ? subscription.NextBillingDate : now),
                ["line_items"] = lines,
                ["summary"] = new JsonObject
                {
                    ["currency"] = subscription.Currency,
                    ["total_amount"] = result.TotalAmount,
                    ["tax"] = 0,
                    ["customer_credits"] = result.CustomerCredits,
                    ["settlement_amount"] = result.TotalAmount,
                    ["settlement_currency"] = subscription.Currency,
                    ["settlement_tax"] = 0,
                },
            },
            ["new_plan"] = SandboxJson.SubscriptionResource(after, customer),
        };
        return (result, json);
    }

    /// <summary>[DOCnew] Any immediate mode ends a trial and charges now; do_not_bill switches the plan and the trial runs on [INF].</summary>
    private static bool InTrial(SbSubscription subscription, PlanChange change) =>
        subscription.TrialEndsAt is not null && change.Mode != "do_not_bill";

    private static bool ChangesInterval(SbSubscription subscription, SbProduct product) =>
        (product.Interval ?? "Month") != subscription.Interval || product.IntervalCount != subscription.IntervalCount;

    private static void Apply(SbSubscription subscription, SbProduct product, PlanChange change, Proration.Result result, DateTime now, SbDiscount? discount)
    {
        if (change.DiscountCodes is not null || product.Id != subscription.ProductId)
        {
            // Codes sent replace the discount ([] removes it); a new plan drops one not sent again [INF: Dodo's
            // preserve_on_plan_change flag is not modelled]. The same plan without codes keeps it.
            subscription.DiscountId = discount?.Id;
            subscription.DiscountCyclesRemaining = discount?.SubscriptionCycles;
        }

        var restarts = (ChangesInterval(subscription, product) || InTrial(subscription, change)) && change.Mode != "do_not_bill";
        if (change.Mode != "do_not_bill")
        {
            subscription.TrialEndsAt = null;
        }

        subscription.Interval = product.Interval ?? "Month";
        subscription.IntervalCount = product.IntervalCount;
        subscription.ProductId = product.Id;
        subscription.Quantity = change.Quantity;
        subscription.RecurringAmount = product.Price * change.Quantity;
        subscription.Credit = result.CreditAfter;
        subscription.ScheduledChangeJson = null;
        if (change.Mode == "full_immediately" || restarts)
        {
            // A full charge starts a new period today ([DOCnew] table: billing date resets); so do a plan billed at another interval and a paid end to a trial [INF].
            subscription.PreviousBillingDate = now;
            subscription.NextBillingDate = BillingPeriods.Next(now, subscription.Interval, subscription.IntervalCount);
        }
    }

    private static async Task<SbProduct> PlanProductAsync(SandboxDbContext db, SbSubscription subscription, PlanChange change)
    {
        if (subscription.Status != "active")
        {
            throw new SandboxRequestException(StatusCodes.Status422UnprocessableEntity, "INACTIVE_SUBSCRIPTION_PLAN_CHANGE_NOT_SUPPORTED",
                $"Subscription {subscription.Id} is {subscription.Status}; only active subscriptions can change plan.");
        }

        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == change.ProductId)
            ?? throw SandboxRequestException.NotFound("Product", change.ProductId);
        if (product.Archived)
        {
            throw new SandboxRequestException(StatusCodes.Status422UnprocessableEntity, "PRODUCT_IS_DELETED", $"Product {product.Id} is archived.");
        }

        if (!product.IsRecurring)
        {
            throw SandboxRequestException.Invalid($"Product {product.Id} is not a subscription product.");
        }

        if (product.Currency != subscription.Currency)
        {
            throw new SandboxRequestException(StatusCodes.Status422UnprocessableEntity, "UNSUPPORTED_CURRENCY",
                $"Product {product.Id} is priced in {product.Currency}; the subscription bills in {subscription.Currency}.");
        }

        return product;
    }

    /// <summary>
    /// The first of change-plan's discount_codes, checked as a checkout's are (INVALID_DISCOUNT_CODE refuses the whole
    /// change). [INF] The sandbox applies a discount to the renewals that follow, not to the change's own charge, so it
    /// takes codes only with do_not_bill, which charges nothing now.
    /// </summary>
    private async Task<SbDiscount?> DiscountAsync(SandboxDbContext db, PlanChange change, SbProduct product)
    {
        if (change.DiscountCodes is not { Count: > 0 } codes)
        {
            return null;
        }

        if (change.Mode != "do_not_bill" || change.EffectiveAt != "immediately")
        {
            throw SandboxRequestException.Invalid("The sandbox applies discount_codes on change-plan only with do_not_bill, effective immediately.");
        }

        var now = clock.UtcNow;
        var discount = await db.Discounts.FirstOrDefaultAsync(d => d.Code == codes[0] && !d.Deleted);
        if (discount is null || !DiscountRules.IsRedeemable(discount, now) || !DiscountRules.AppliesTo(discount, product.Id))
        {
            throw new SandboxRequestException(StatusCodes.Status422UnprocessableEntity, "INVALID_DISCOUNT_CODE", $"Discount code {codes[0]} is not valid for this subscription.");
        }

        return discount;
    }

    private static async Task<SbPaymentMethod> MethodAsync(SandboxDbContext db, SbSubscription subscription) =>
        await db.PaymentMethods.FirstOrDefaultAsync(m => m.Id == subscription.PaymentMethodId)
        ?? throw new SandboxRequestException(StatusCodes.Status422UnprocessableEntity, "NO_ELIGIBLE_PAYMENT_METHODS",
            $"Subscription {subscription.Id} has no payment method to charge.");

    private static SbSubscription Clone(SbSubscription s) => new()
    {
        Id = s.Id, CustomerId = s.CustomerId, ProductId = s.ProductId, Quantity = s.Quantity, Status = s.Status,
        RecurringAmount = s.RecurringAmount, Currency = s.Currency, Interval = s.Interval, IntervalCount = s.IntervalCount,
        PreviousBillingDate = s.PreviousBillingDate, NextBillingDate = s.NextBillingDate, CreatedAt = s.CreatedAt,
        PaymentMethodId = s.PaymentMethodId, Credit = s.Credit, CancelAtNextBillingDate = s.CancelAtNextBillingDate,
        CancelledAt = s.CancelledAt, ExpiresAt = s.ExpiresAt, TermCount = s.TermCount, TermInterval = s.TermInterval, MetadataJson = s.MetadataJson, BillingJson = s.BillingJson, ScheduledChangeJson = s.ScheduledChangeJson,
        TrialPeriodDays = s.TrialPeriodDays, TrialEndsAt = s.TrialEndsAt, DiscountId = s.DiscountId, DiscountCyclesRemaining = s.DiscountCyclesRemaining,
    };
}
