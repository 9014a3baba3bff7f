using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Dodo.Payments.Webhooks;
using Dodo.Sandbox.Api;
using Dodo.Sandbox.Checkout;
using Dodo.Sandbox.Data;
using Dodo.Sandbox.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Dodo.Sandbox.Portal;

/// <summary>
/// Dodo's hosted customer portal: POST /customers/{id}/customer-portal/session answers {link}; the link (valid for a
/// day, a secret like any bearer link) shows the customer's subscriptions and payments with their invoices, and lets
/// them cancel a subscription at the end of its period, which Dodo announces with subscription.updated.
/// </summary>
internal static class CustomerPortal
{
    public static void MapPortalSessions(this RouteGroupBuilder api)
    {
        api.MapPost("/customers/{customerId}/customer-portal/session", (string customerId, SandboxTransaction tx, SandboxClock clock, SandboxEndpointAddress address, CancellationToken ct) =>
            tx.RunAsync(async db =>
            {
                if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct))
                {
                    throw SandboxRequestException.NotFound("Customer", customerId);
                }

                var session = new SbPortalSession { Id = RandomNumberGenerator.GetHexString(32, lowercase: true), CustomerId = customerId, ExpiresAt = clock.UtcNow.AddDays(1) };
                db.PortalSessions.Add(session);
                return Results.Json(new JsonObject { ["link"] = address.PortalUrl(session.Id).ToString() });
            }, ct));
    }

    public static void MapPortalPages(this RouteGroupBuilder root)
    {
        root.MapGet("/portal/{token}", (string token, SandboxTransaction tx, SandboxClock clock, CancellationToken ct) => tx.RunAsync(async db =>
        {
            var customer = await CustomerAsync(db, token, clock.UtcNow, ct);
            if (customer is null)
            {
                return SandboxHtml.Page(CheckoutPageHtml.Message("Link expired", "Ask the store for a new link to your billing portal."), 404);
            }

            var subscriptions = await db.Subscriptions.Where(s => s.CustomerId == customer.Id).OrderByDescending(s => s.CreatedAt).ToListAsync(ct);
            var payments = await db.Payments.Where(p => p.CustomerId == customer.Id && p.Status == "succeeded").OrderByDescending(p => p.CreatedAt).Take(20).ToListAsync(ct);
            var products = await db.Products.ToDictionaryAsync(p => p.Id, p => p.Name, ct);
            return SandboxHtml.Page(Html(token, customer, subscriptions, payments, products));
        }, ct));

        root.MapPost("/portal/{token}/subscriptions/{subscriptionId}/cancel", (string token, string subscriptionId, SandboxTransaction tx, SandboxClock clock, WebhookOutbox outbox, CancellationToken ct) =>
            tx.RunAsync(async db =>
            {
                var customer = await CustomerAsync(db, token, clock.UtcNow, ct);
                var subscription = customer is null ? null
                    : await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == subscriptionId && s.CustomerId == customer.Id && s.Status == "active", ct);
                if (subscription is null)
                {
                    return SandboxHtml.Page(CheckoutPageHtml.Message("Not found", "That subscription can't be cancelled here."), 404);
                }

                subscription.CancelAtNextBillingDate = true;
                outbox.Add(db, WebhookEventTypes.SubscriptionUpdated, SandboxJson.Subscription(subscription, customer!));
                return Results.Redirect($"../../../{token}");
            }, ct)).DisableAntiforgery();
    }

    private static async Task<SbCustomer?> CustomerAsync(SandboxDbContext db, string token, DateTime now, CancellationToken ct)
    {
        var session = await db.PortalSessions.FirstOrDefaultAsync(s => s.Id == token, ct);
        return session is null || session.ExpiresAt <= now ? null : await db.Customers.FirstOrDefaultAsync(c => c.Id == session.CustomerId, ct);
    }

    private static string Html(string token, SbCustomer customer, List<SbSubscription> subscriptions, List<SbPayment> payments, Dictionary<string, string> products)
    {
        var h = HtmlEncoder.Default;
        var subs = string.Concat(subscriptions.Select(s =>
            $"<li><strong>{h.Encode(products.GetValueOrDefault(s.ProductId, s.ProductId))}</strong>: {h.Encode(s.Status)}"
            + (s.Status == "active" ? (s.CancelAtNextBillingDate
                ? $", ends {s.NextBillingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
                : $", renews {s.NextBillingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
                  + $"<form method=\"post\" action=\"{h.Encode(token)}/subscriptions/{h.Encode(s.Id)}/cancel\"><button type=\"submit\" class=\"secondary\">Cancel at the end of the period</button></form>") : "")
            + "</li>"));
        var pays = string.Concat(payments.Select(p =>
            $"<li>{p.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} · {h.Encode(CheckoutPageHtml.Money(p.TotalAmount, p.Currency))} · <a href=\"../invoices/payments/{h.Encode(p.Id)}\">Invoice</a></li>"));
        return CheckoutPageHtml.Page("Billing portal",
            $"<h1>Billing for {h.Encode(customer.Email)}</h1><h2>Subscriptions</h2><ul>{(subs.Length == 0 ? "<li>None</li>" : subs)}</ul><h2>Payments</h2><ul>{(pays.Length == 0 ? "<li>None</li>" : pays)}</ul>");
    }
}
