using Dodo.Sandbox.Api;
using Dodo.Sandbox.Billing;
using Dodo.Sandbox.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Dodo.Sandbox.Checkout;

/// <summary>
/// The bank's 3-D Secure page for a one-click payment in <c>requires_customer_action</c>: the checkout answer's
/// checkout_url points here. Completing it sends the payment to processing (then succeeded); failing it fails the
/// payment; leaving it lets the payment be cancelled when the challenge lapses. Then back to the session's return_url.
/// </summary>
internal sealed class Authentication(SandboxTransaction transaction, Charges charges)
{
    public async Task<IResult> ShowAsync(string paymentId, HttpContext http)
    {
        var payment = await transaction.ReadAsync(db => db.Payments.FirstOrDefaultAsync(p => p.Id == paymentId), http.RequestAborted);
        if (payment is not { Status: "requires_customer_action" })
        {
            return SandboxHtml.Page(CheckoutPageHtml.Message("Nothing to confirm", "This payment does not need you to confirm it."), payment is null ? 404 : 409);
        }

        return SandboxHtml.Page(CheckoutPageHtml.Challenge(payment.Id, payment.TotalAmount, payment.Currency, new Dictionary<string, string>()));
    }

    public async Task<IResult> SubmitAsync(string paymentId, HttpContext http)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        return await transaction.RunAsync(async db =>
        {
            var payment = await db.Payments.FirstOrDefaultAsync(p => p.Id == paymentId);
            if (payment is not { Status: "requires_customer_action" })
            {
                return SandboxHtml.Page(CheckoutPageHtml.Message("Nothing to confirm", "This payment does not need you to confirm it."), payment is null ? 404 : 409);
            }

            var passed = form["authentication"] == "passed";
            charges.Authenticate(db, payment, await db.Customers.SingleAsync(c => c.Id == payment.CustomerId), passed);
            var session = payment.CheckoutSessionId is null ? null : await db.CheckoutSessions.FirstOrDefaultAsync(s => s.Id == payment.CheckoutSessionId);
            var returnUrl = session is null ? null : RequestBody.String(SandboxJson.Parse(session.RequestJson), "return_url");
            if (returnUrl is null || !RedirectUrls.IsWebAddress(returnUrl))
            {
                return SandboxHtml.Page(CheckoutPageHtml.Message(passed ? "Payment confirmed" : "Payment not confirmed", "You can close this page."));
            }

            return Results.Redirect(QueryHelpers.AddQueryString(returnUrl, new Dictionary<string, string?>
            {
                ["payment_id"] = payment.Id,
                ["status"] = payment.Status,
            }));
        }, http.RequestAborted);
    }
}
