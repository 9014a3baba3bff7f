using System.Text.Json.Nodes;
using Dodo.Payments.Webhooks;
using Dodo.Sandbox.Billing;
using Dodo.Sandbox.Checkout;
using Dodo.Sandbox.Data;
using Dodo.Sandbox.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using static Dodo.Sandbox.Api.CustomersApi;

namespace Dodo.Sandbox.Api;

internal static class SubscriptionsApi
{
    private static readonly string[] Modes = ["prorated_immediately", "full_immediately", "difference_immediately", "do_not_bill"];

    public static void MapSubscriptions(this RouteGroupBuilder api)
    {
        api.MapGet("/subscriptions/{subscriptionId}", async (string subscriptionId, SandboxTransaction tx, CancellationToken ct) =>
        {
            var found = await tx.ReadAsync(async db =>
            {
                var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == subscriptionId, ct);
                return subscription is null ? null : SandboxJson.SubscriptionResource(subscription, await db.Customers.SingleAsync(c => c.Id == subscription.CustomerId, ct));
            }, ct);
            return found is null ? ApiErrors.NotFound("Subscription", subscriptionId) : Results.Json(found);
        });

        api.MapGet("/subscriptions", (HttpRequest request, SandboxTransaction tx, CancellationToken ct) => Guarded(async () =>
        {
            var paging = Paging.Read(request);
            var (customerId, productId, status) = (request.Query["customer_id"].ToString(), request.Query["product_id"].ToString(), request.Query["status"].ToString());
            var rows = await tx.ReadAsync(async db =>
            {
                var query = db.Subscriptions.AsQueryable();
                query = customerId.Length > 0 ? query.Where(s => s.CustomerId == customerId) : query;
                query = productId.Length > 0 ? query.Where(s => s.ProductId == productId) : query;
                query = status.Length > 0 ? query.Where(s => s.Status == status) : query;
                var subscriptions = await paging.Apply(query.OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id)).ToListAsync(ct);
                var customers = await db.Customers.ToDictionaryAsync(c => c.Id, ct);
                var products = await db.Products.ToDictionaryAsync(p => p.Id, ct);
                return subscriptions.Select(s => SandboxJson.SubscriptionListItem(s, customers[s.CustomerId], products.GetValueOrDefault(s.ProductId))).ToList();
            }, ct);
            return Items(rows);
        }));

        api.MapPatch("/subscriptions/{subscriptionId}", (string subscriptionId, HttpRequest request, SandboxTransaction tx, SubscriptionBilling billing, WebhookOutbox outbox, SandboxClock clock, CancellationToken ct) =>
            tx.RunAsync(async db =>
            {
                var body = await RequestBody.ReadAsync(request, ct);
                var (subscription, customer) = await LoadAsync(db, subscriptionId);
                if (body.OptionalBool("cancel_at_next_billing_date") is { } cancelLater)
                {
                    subscription.CancelAtNextBillingDate = cancelLater;
                }

                if (body.OptionalString("status") is { } status)
                {
                    if (status != "cancelled")
                    {
                        throw SandboxRequestException.Invalid("status can only be set to cancelled.");
                    }

                    subscription.Status = "cancelled";
                    subscription.CancelledAt = clock.UtcNow;
                    outbox.Add(db, WebhookEventTypes.SubscriptionCancelled, SandboxJson.Subscription(subscription, customer));
                }

                if (body.OptionalString("next_billing_date") is { } next)
                {
                    // Dodo's documented test-mode trick: move the date to now to make the renewal happen.
                    subscription.NextBillingDate = DateTimeOffset.TryParse(next, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var date)
                        ? date.UtcDateTime
                        : throw SandboxRequestException.Body("next_billing_date must be an RFC 3339 timestamp.");
                }

                if (body.Json.ContainsKey("metadata"))
                {
                    subscription.MetadataJson = body.MetadataJson();
                }

                outbox.Add(db, WebhookEventTypes.SubscriptionUpdated, SandboxJson.Subscription(subscription, customer));
                await db.SaveChangesAsync(ct);
                await billing.RenewDueAsync(db);
                return Results.Json(SandboxJson.SubscriptionResource(subscription, customer));
            }, ct));

        api.MapPost("/subscriptions/{subscriptionId}/change-plan", (string subscriptionId, HttpRequest request, SandboxTransaction tx, SubscriptionBilling billing, CancellationToken ct) =>
            tx.RunAsync(async db =>
            {
                var change = ReadChange(await RequestBody.ReadAsync(request, ct));
                var (subscription, customer) = await LoadAsync(db, subscriptionId);
                await billing.ChangeAsync(db, subscription, customer, change);
                return Results.Ok();
            }, ct)).AddEndpointFilter<DropAfterChargeFilter>();

        api.MapPost("/subscriptions/{subscriptionId}/change-plan/preview", (string subscriptionId, HttpRequest request, SandboxTransaction tx, SubscriptionBilling billing, CancellationToken ct) =>
            tx.RunAsync(async db =>
            {
                var change = ReadChange(await RequestBody.ReadAsync(request, ct));
                var (subscription, customer) = await LoadAsync(db, subscriptionId);
                var preview = await billing.PreviewAsync(db, subscription, customer, change);
                db.ChangeTracker.Clear(); // a preview changes nothing
                return Results.Json(preview);
            }, ct));

        api.MapDelete("/subscriptions/{subscriptionId}/change-plan/scheduled", (string subscriptionId, SandboxTransaction tx, WebhookOutbox outbox, CancellationToken ct) =>
            tx.RunAsync(async db =>
            {
                var (subscription, customer) = await LoadAsync(db, subscriptionId);
                if (subscription.ScheduledChangeJson is null)
                {
                    throw SandboxRequestException.NotFound("Scheduled change for subscription", subscriptionId);
                }

                subscription.ScheduledChangeJson = null;
                outbox.Add(db, WebhookEventTypes.SubscriptionUpdated, SandboxJson.Subscription(subscription, customer));
                return Results.Ok();
            }, ct));

        api.MapPost("/subscriptions/{subscriptionId}/update-payment-method", (string subscriptionId, HttpRequest request, SandboxTransaction tx, SubscriptionBilling billing, SandboxClock clock, SandboxEndpointAddress address, CancellationToken ct) =>
            tx.RunAsync(async db =>
            {
                var body = await RequestBody.ReadAsync(request, ct);
                var (subscription, customer) = await LoadAsync(db, subscriptionId);
                switch (body.RequiredString("type"))
                {
                    case "existing":
                        var methodId = body.RequiredString("payment_method_id");
                        var method = await db.PaymentMethods.FirstOrDefaultAsync(m => m.Id == methodId && m.CustomerId == customer.Id && !m.Deleted, ct)
                            ?? throw SandboxRequestException.Invalid($"Payment method {methodId} does not belong to customer {customer.Id}.");
                        billing.UseMethod(db, subscription, customer, method);
                        var charged = db.ChangeTracker.Entries<SbPayment>().Select(e => e.Entity).LastOrDefault(p => p.SubscriptionId == subscription.Id);
                        return Results.Json(new JsonObject { ["payment_id"] = charged?.Id, ["payment_link"] = null, ["client_secret"] = null, ["expires_on"] = null });
                    case "new":
                        var returnUrl = RedirectUrls.Validate(body, "return_url");
                        var updateSession = new JsonObject { ["return_url"] = returnUrl, ["feature_flags"] = new JsonObject { ["redirect_immediately"] = true } };
                        var session = new SbCheckoutSession
                        {
                            Id = SandboxIds.CheckoutSession(),
                            RequestJson = updateSession.ToJsonString(),
                            CustomerId = customer.Id,
                            UpdatesSubscriptionId = subscription.Id,
                            CreatedAt = clock.UtcNow,
                            ExpiresAt = clock.UtcNow.AddHours(24),
                        };
                        db.CheckoutSessions.Add(session);
                        return Results.Json(new JsonObject
                        {
                            ["payment_id"] = null,
                            ["payment_link"] = address.CheckoutUrl(session.Id).ToString(),
                            ["client_secret"] = null,
                            ["expires_on"] = SandboxJson.Time(session.ExpiresAt),
                        });
                    default:
                        throw SandboxRequestException.Body("type must be existing or new.");
                }
            }, ct));
    }

    private static PlanChange ReadChange(RequestBody body)
    {
        var mode = body.RequiredString("proration_billing_mode");
        if (!Modes.Contains(mode))
        {
            throw SandboxRequestException.Body("proration_billing_mode must be one of " + string.Join(", ", Modes) + ".");
        }

        var quantity = body.OptionalInt("quantity", -1);
        if (quantity < 1)
        {
            throw SandboxRequestException.Body("quantity is required and must be at least 1.");
        }

        var effectiveAt = body.OptionalString("effective_at") ?? "immediately";
        if (effectiveAt is not ("immediately" or "next_billing_date"))
        {
            throw SandboxRequestException.Body("effective_at must be immediately or next_billing_date.");
        }

        // Omitted: the business default, which Dodo documents as apply_change.
        var onFailure = body.OptionalString("on_payment_failure") ?? "apply_change";
        if (onFailure is not ("prevent_change" or "apply_change"))
        {
            throw SandboxRequestException.Body("on_payment_failure must be prevent_change or apply_change.");
        }

        return new PlanChange(body.RequiredString("product_id"), quantity, mode, effectiveAt, onFailure,
            body.Json.ContainsKey("metadata") ? body.MetadataJson() : null, DiscountCodes(body));
    }

    /// <summary>discount_codes: null when omitted (keep), else the codes (at most 20; [] removes the discount).</summary>
    private static IReadOnlyList<string>? DiscountCodes(RequestBody body)
    {
        if (body.Json["discount_codes"] is null)
        {
            return null;
        }

        if (body.Json["discount_codes"] is not JsonArray codes || codes.Count > 20
            || codes.Any(c => c is not JsonValue v || !v.TryGetValue<string>(out _)))
        {
            throw SandboxRequestException.Body("discount_codes must be an array of at most 20 strings.");
        }

        return codes.Select(c => c!.GetValue<string>().ToUpperInvariant()).ToList();
    }

    private static async Task<(SbSubscription, SbCustomer)> LoadAsync(SandboxDbContext db, string subscriptionId)
    {
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == subscriptionId)
            ?? throw SandboxRequestException.NotFound("Subscription", subscriptionId);
        return (subscription, await db.Customers.SingleAsync(c => c.Id == subscription.CustomerId));
    }
}
