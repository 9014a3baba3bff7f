using System.Text.Json.Nodes;
using Dodo.Sandbox.Billing;
using Dodo.Sandbox.Checkout;
using Dodo.Sandbox.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using static Dodo.Sandbox.Api.CustomersApi;

namespace Dodo.Sandbox.Api;

internal static class PaymentsApi
{
    public static void MapPayments(this RouteGroupBuilder api)
    {
        // Deprecated by Dodo in favour of checkout sessions, still callable: a saved card is charged at once,
        // otherwise the answer carries a payment_link to the hosted page.
        api.MapPost("/payments", (HttpRequest request, SandboxTransaction tx, Charges charges, SandboxClock clock, SandboxEndpointAddress address, CancellationToken ct) =>
            tx.RunAsync(async db =>
            {
                var body = await RequestBody.ReadAsync(request, ct);
                body.RequiredArray("product_cart");
                var cart = await CheckoutSessions.ReadCartAsync(db, body.Json, clock.UtcNow);
                if (cart.Recurring is not null)
                {
                    throw SandboxRequestException.Invalid("POST /payments takes one-time products only.");
                }

                var billing = body.OptionalObject("billing") ?? throw SandboxRequestException.Body("billing is required.");
                if (string.IsNullOrWhiteSpace(RequestBody.String(billing, "country")))
                {
                    throw SandboxRequestException.Body("billing.country is required.");
                }

                var customerJson = body.OptionalObject("customer") ?? throw SandboxRequestException.Body("customer is required.");
                var customer = await CustomerAsync(db, customerJson, clock);
                var metadata = body.MetadataJson();
                var session = new SbCheckoutSession
                {
                    Id = SandboxIds.CheckoutSession(),
                    RequestJson = body.Json.ToJsonString(),
                    CustomerId = customer.Id,
                    CreatedAt = clock.UtcNow,
                    ExpiresAt = clock.UtcNow.AddHours(24),
                };
                db.CheckoutSessions.Add(session);

                string paymentId;
                string? link = null;
                if (body.OptionalString("payment_method_id") is { } methodId)
                {
                    var method = await db.PaymentMethods.FirstOrDefaultAsync(m => m.Id == methodId && m.CustomerId == customer.Id && !m.Deleted, ct)
                        ?? throw SandboxRequestException.Invalid($"Payment method {methodId} does not belong to customer {customer.Id}.");
                    if (CheckoutSessions.IsExpired(method, clock.UtcNow) || !method.Currencies.Split(',').Contains(cart.Currency))
                    {
                        throw SandboxRequestException.Invalid($"Payment method {methodId} cannot be used for this payment.");
                    }

                    var payment = charges.Charge(db, new ChargeRequest(customer, method, cart.Total, cart.Currency, OffSession: true,
                        metadata, billing.ToJsonString(), ProductCartJson: cart.ProductCartJson, CheckoutSessionId: session.Id, DiscountId: cart.DiscountId));
                    cart.RecordDiscountUse();
                    session.PaymentId = payment.Id;
                    session.Completed = true;
                    paymentId = payment.Id;
                }
                else
                {
                    // Waits for the customer on the hosted page; completing it there creates the charge.
                    var pending = new SbPayment
                    {
                        Id = SandboxIds.Payment(), CustomerId = customer.Id, CheckoutSessionId = session.Id, Status = "requires_payment_method",
                        TotalAmount = cart.Total, Currency = cart.Currency, ProductCartJson = cart.ProductCartJson, MetadataJson = metadata, DiscountId = cart.DiscountId,
                        BillingJson = billing.ToJsonString(), CreatedAt = clock.UtcNow, UpdatedAt = clock.UtcNow,
                    };
                    db.Payments.Add(pending);
                    paymentId = pending.Id;
                    link = address.CheckoutUrl(session.Id).ToString();
                }

                return Results.Json(new JsonObject
                {
                    ["payment_id"] = paymentId,
                    ["client_secret"] = "sandbox-client-secret-" + paymentId,
                    ["total_amount"] = cart.Total,
                    ["customer"] = SandboxJson.CustomerSummary(customer),
                    ["metadata"] = SandboxJson.Parse(metadata),
                    ["product_cart"] = JsonNode.Parse(cart.ProductCartJson),
                    ["payment_link"] = link,
                    ["expires_on"] = link is null ? null : SandboxJson.Time(session.ExpiresAt),
                    ["discount_id"] = cart.DiscountId,
                    ["discount_ids"] = cart.Discounts.Count == 0 ? null : new JsonArray(cart.Discounts.Select(d => (JsonNode)d.Id).ToArray()),
                });
            }, ct)).AddEndpointFilter<DropAfterChargeFilter>();

        api.MapGet("/payments/{paymentId}", async (string paymentId, SandboxTransaction tx, CancellationToken ct) =>
        {
            var found = await tx.ReadAsync(async db =>
            {
                var payment = await db.Payments.FirstOrDefaultAsync(p => p.Id == paymentId, ct);
                return payment is null ? null : SandboxJson.PaymentResource(payment, await db.Customers.SingleAsync(c => c.Id == payment.CustomerId, ct),
                    await db.Refunds.Where(r => r.PaymentId == payment.Id).ToListAsync(ct));
            }, ct);
            return found is null ? ApiErrors.NotFound("Payment", paymentId) : Results.Json(found);
        });

        api.MapGet("/payments", (HttpRequest request, SandboxTransaction tx, CancellationToken ct) => Guarded(async () =>
        {
            var paging = Paging.Read(request);
            var q = request.Query;
            var (customerId, subscriptionId, productId, status) = (q["customer_id"].ToString(), q["subscription_id"].ToString(), q["product_id"].ToString(), q["status"].ToString());
            var from = Paging.Time(request, "created_at_gte");
            var to = Paging.Time(request, "created_at_lte");
            var rows = await tx.ReadAsync(async db =>
            {
                var query = db.Payments.AsQueryable();
                query = customerId.Length > 0 ? query.Where(p => p.CustomerId == customerId) : query;
                query = subscriptionId.Length > 0 ? query.Where(p => p.SubscriptionId == subscriptionId) : query;
                query = productId.Length > 0 ? query.Where(p => p.ProductCartJson != null && p.ProductCartJson.Contains("\"" + productId + "\"")) : query;
                query = status.Length > 0 ? query.Where(p => p.Status == status) : query;
                query = from is null ? query : query.Where(p => p.CreatedAt >= from);
                query = to is null ? query : query.Where(p => p.CreatedAt <= to);
                var payments = await paging.Apply(query.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id)).ToListAsync(ct);
                var ids = payments.Select(p => p.CustomerId).Distinct().ToList();
                var customers = await db.Customers.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
                var paymentIds = payments.Select(p => p.Id).ToList();
                var refunds = (await db.Refunds.Where(r => paymentIds.Contains(r.PaymentId)).ToListAsync(ct)).ToLookup(r => r.PaymentId);
                return payments.Select(p => SandboxJson.PaymentListItem(p, customers[p.CustomerId], refunds[p.Id].ToList())).ToList();
            }, ct);
            return Items(rows);
        }));
    }

    private static async Task<SbCustomer> CustomerAsync(SandboxDbContext db, JsonObject json, SandboxClock clock)
    {
        if (RequestBody.String(json, "customer_id") is { } id)
        {
            return await db.Customers.FirstOrDefaultAsync(c => c.Id == id) ?? throw SandboxRequestException.Invalid($"Customer {id} does not exist.");
        }

        var email = RequestBody.String(json, "email") ?? throw SandboxRequestException.Body("customer must be {customer_id} or {email, name?}.");
        var existing = await db.Customers.Where(c => c.Email == email).OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync();
        if (existing is not null)
        {
            return existing;
        }

        var customer = new SbCustomer { Id = SandboxIds.Customer(), Email = email, Name = RequestBody.String(json, "name") ?? email, CreatedAt = clock.UtcNow };
        db.Customers.Add(customer);
        return customer;
    }
}
