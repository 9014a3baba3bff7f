using System.Text.Json.Nodes;
using Dodo.Sandbox.Api;
using Dodo.Sandbox.Billing;
using Dodo.Sandbox.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Dodo.Sandbox.Checkout;

/// <summary>
/// The page behind checkout_url. A successful payment saves the card to the customer and sends the browser to
/// return_url with Dodo's query parameters (<c>payment_id</c>&amp;<c>status=succeeded</c>, or <c>subscription_id</c>&amp;<c>status=active</c>).
/// A declined card keeps the customer on the page to try another; payment.failed is sent either way.
/// </summary>
internal sealed class HostedCheckout(SandboxTransaction transaction, CheckoutSessions sessions, SubscriptionBilling subscriptions, SandboxClock clock)
{
    public async Task<IResult> ShowAsync(string sessionId, HttpContext http)
    {
        var html = await transaction.ReadAsync(async db =>
        {
            var session = await db.CheckoutSessions.FirstOrDefaultAsync(s => s.Id == sessionId);
            return session is null ? null : await RenderAsync(db, session, null, new Dictionary<string, string>());
        }, http.RequestAborted);
        return html is null
            ? SandboxHtml.Page(CheckoutPageHtml.Message("Checkout not found", "This checkout link is not valid."), 404)
            : SandboxHtml.Page(html);
    }

    public async Task<IResult> SubmitAsync(string sessionId, HttpContext http)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        return await transaction.RunAsync(async db =>
        {
            var session = await db.CheckoutSessions.FirstOrDefaultAsync(s => s.Id == sessionId);
            if (session is null)
            {
                return SandboxHtml.Page(CheckoutPageHtml.Message("Checkout not found", "This checkout link is not valid."), 404);
            }

            var now = clock.UtcNow;
            if (session.Completed)
            {
                return SandboxHtml.Page(CheckoutPageHtml.Message("Already paid", "This checkout has been completed."), 409);
            }

            if (session.ExpiresAt <= now)
            {
                return SandboxHtml.Page(CheckoutPageHtml.Message("Checkout expired", "This checkout link has expired. Go back to the store and start again."), 410);
            }

            var values = form.ToDictionary(f => f.Key, f => f.Value.ToString());
            var (card, error) = CardForm.Read(form, now);
            if (card is null)
            {
                return SandboxHtml.Page(await RenderAsync(db, session, error, values), 422);
            }

            var request = SandboxJson.Parse(session.RequestJson);
            var needsChallenge = TestCards.Find(card.Number)?.Behaviour == CardBehaviour.RequiresAuthentication;
            var answer = form["authentication"].ToString();
            if (needsChallenge && answer is not ("passed" or "failed"))
            {
                // The bank's 3-D Secure step, before anything is charged; the card form rides along to be posted again.
                var challenged = session.UpdatesSubscriptionId is null ? await CheckoutSessions.ReadCartAsync(db, request, clock.UtcNow) : null;
                return SandboxHtml.Page(CheckoutPageHtml.Challenge(session.Id, challenged?.Total ?? 0, challenged?.Currency ?? "USD", values));
            }

            var authenticationFailed = needsChallenge && answer == "failed";
            if (authenticationFailed && session.UpdatesSubscriptionId is not null)
            {
                return SandboxHtml.Page(await RenderAsync(db, session, "Your bank could not confirm this card. Try again or use another card.", values), 402);
            }

            var customer = await ResolveCustomerAsync(db, session, request, card);
            var method = await SaveCardAsync(db, customer, card);

            if (session.UpdatesSubscriptionId is { } subscriptionId)
            {
                var subscription = await db.Subscriptions.SingleAsync(s => s.Id == subscriptionId);
                subscriptions.UseMethod(db, subscription, customer, method);
                session.Completed = true;
                return Finish(request, session, "subscription_id", subscription.Id, subscription.Status == "active" ? "active" : subscription.Status);
            }

            var cart = await CheckoutSessions.ReadCartAsync(db, request, clock.UtcNow);
            if (cart.IsTrialOnly)
            {
                var declined = sessions.StartTrial(db, session, customer, method, cart, card.Billing.ToJsonString(),
                    request["metadata"]?.ToJsonString() ?? "{}", authenticationFailed);
                if (declined is not null)
                {
                    method.Deleted = true;
                    return SandboxHtml.Page(await RenderAsync(db, session, $"Your card was declined ({declined}). Try another card.", values), 402);
                }

                session.Completed = true;
                return Finish(request, session, "subscription_id", session.SubscriptionId!, "active");
            }

            var payment = sessions.Pay(db, session, customer, method, cart, card.Billing.ToJsonString(),
                request["metadata"]?.ToJsonString() ?? "{}", offSession: false, authenticationFailed);
            if (payment.Status != "succeeded")
            {
                // The card stays saved only when it worked: a declined card is not offered again.
                method.Deleted = true;
                return SandboxHtml.Page(await RenderAsync(db, session, $"Your card was declined ({payment.ErrorCode}). Try another card.", values), 402);
            }

            session.Completed = true;
            return payment.SubscriptionId is { } newSubscription
                ? Finish(request, session, "subscription_id", newSubscription, "active")
                : Finish(request, session, "payment_id", payment.Id, "succeeded");
        }, http.RequestAborted);
    }

    private static IResult Finish(JsonObject request, SbCheckoutSession session, string idName, string id, string status)
    {
        var returnUrl = RequestBody.String(request, "return_url");
        if (returnUrl is null || !RedirectUrls.IsWebAddress(returnUrl))
        {
            return SandboxHtml.Page(CheckoutPageHtml.Message("Payment complete", "Thank you. You can close this page."));
        }

        var target = QueryHelpers.AddQueryString(returnUrl, new Dictionary<string, string?> { [idName] = id, ["status"] = status });
        var flags = request["feature_flags"] as JsonObject;
        return flags is not null && RequestBody.Bool(flags, "redirect_immediately") == true
            ? Results.Redirect(target)
            : SandboxHtml.Page(CheckoutPageHtml.Message("Payment complete", $"Thank you. Reference {session.Id}.", target, "Return to the store"));
    }

    private async Task<SbCustomer> ResolveCustomerAsync(SandboxDbContext db, SbCheckoutSession session, JsonObject request, CardForm card)
    {
        if (session.CustomerId is not null)
        {
            return await db.Customers.SingleAsync(c => c.Id == session.CustomerId);
        }

        // [INF] an email-only checkout attaches to the newest customer with that email unless told otherwise.
        var alwaysNew = request["feature_flags"] is JsonObject flags && RequestBody.Bool(flags, "always_create_new_customer") == true;
        var existing = alwaysNew ? null : await db.Customers.Where(c => c.Email == card.Email).OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync();
        if (existing is not null)
        {
            return existing;
        }

        var customer = new SbCustomer { Id = SandboxIds.Customer(), Email = card.Email, Name = card.Name, CreatedAt = clock.UtcNow };
        db.Customers.Add(customer);
        return customer;
    }

    private async Task<SbPaymentMethod> SaveCardAsync(SandboxDbContext db, SbCustomer customer, CardForm card)
    {
        var test = TestCards.Find(card.Number)!;
        var month = card.ExpiryMonth.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        var year = card.ExpiryYear.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var existing = await db.PaymentMethods.FirstOrDefaultAsync(m => m.CustomerId == customer.Id && !m.Deleted
            && m.Last4 == card.Last4 && m.ExpiryMonth == month && m.ExpiryYear == year && m.Network == test.Network);
        if (existing is not null)
        {
            return existing;
        }

        var method = new SbPaymentMethod
        {
            Id = SandboxIds.PaymentMethod(),
            CustomerId = customer.Id,
            Last4 = card.Last4,
            Network = test.Network,
            CardType = test.Type,
            ExpiryMonth = month,
            ExpiryYear = year,
            HolderName = card.HolderName,
            IssuingCountry = test.Country,
            Behaviour = test.Behaviour,
            Currencies = test.Currencies,
            CreatedAt = clock.UtcNow,
        };
        db.PaymentMethods.Add(method);
        return method;
    }

    private async Task<string> RenderAsync(SandboxDbContext db, SbCheckoutSession session, string? error, IReadOnlyDictionary<string, string> values)
    {
        var customer = session.CustomerId is null ? null : await db.Customers.FirstOrDefaultAsync(c => c.Id == session.CustomerId);
        var request = SandboxJson.Parse(session.RequestJson);
        var email = customer?.Email ?? (request["customer"] as JsonObject)?["email"]?.GetValue<string>();
        var name = customer?.Name ?? (request["customer"] as JsonObject)?["name"]?.GetValue<string>();
        // The page is served at …/checkout/{id}: a relative action posts back to the same URL.
        var action = session.Id;

        if (session.UpdatesSubscriptionId is not null)
        {
            return CheckoutPageHtml.Form(new("Update your card", action, [], 0, "USD", "Save card", email, name, error, values));
        }

        var cart = await CheckoutSessions.ReadCartAsync(db, request, clock.UtcNow);
        var lines = cart.Lines.Select(l => new CheckoutPageHtml.Line(LineName(cart, l), l.Quantity,
            l.Product.IsRecurring && cart.TrialDays > 0 ? 0 : cart.LineTotal(l))).ToList();
        var button = cart.IsTrialOnly ? "Start free trial" : "Pay " + CheckoutPageHtml.Money(cart.Total, cart.Currency);
        return CheckoutPageHtml.Form(new("Checkout", action, lines, cart.Total, cart.Currency, button, email, name, error, values));
    }

    /// <summary>A discounted line says so; a subscription in its trial says when its first charge is and how much.</summary>
    private static string LineName(CheckoutSessions.Cart cart, (SbProduct Product, int Quantity) line)
    {
        if (line.Product.IsRecurring && cart.TrialDays > 0)
        {
            return $"{line.Product.Name} ({cart.TrialDays}-day free trial, then {CheckoutPageHtml.Money(cart.LineTotal(line), cart.Currency)})";
        }

        return line.Product.Name + (cart.LineTotal(line) < line.Product.Price * line.Quantity ? $" (discount {string.Join(", ", cart.Discounts.Select(d => d.Code))})" : "");
    }
}
