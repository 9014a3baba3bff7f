using System.Globalization;
using Dodo.Sandbox.Data;
using Dodo.Sandbox.Invoices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Dodo.Sandbox.Api;

/// <summary>
/// GET /invoices/payments/{payment_id}: the payment's invoice as a PDF. The OpenAPI names it
/// get_payment_invoice_no_auth and gives it no security scheme, so a customer's browser opens it directly.
/// </summary>
internal static class InvoicesApi
{
    public static void MapInvoices(this RouteGroupBuilder root)
    {
        root.MapGet("/invoices/payments/{paymentId}", async (string paymentId, SandboxTransaction tx, CancellationToken ct) =>
        {
            var lines = await tx.ReadAsync(async db =>
            {
                var payment = await db.Payments.FirstOrDefaultAsync(p => p.Id == paymentId && p.Status == "succeeded", ct);
                if (payment is null)
                {
                    return null;
                }

                var customer = await db.Customers.SingleAsync(c => c.Id == payment.CustomerId, ct);
                var productIds = payment.ProductCartJson is null ? [] : SandboxJson.ParseArray(payment.ProductCartJson).Select(l => (string)l!["product_id"]!).ToList();
                var subscriptionProduct = payment.SubscriptionId is null ? null
                    : await db.Subscriptions.Where(s => s.Id == payment.SubscriptionId).Select(s => s.ProductId).FirstOrDefaultAsync(ct);
                var names = await db.Products.Where(p => productIds.Contains(p.Id) || p.Id == subscriptionProduct).Select(p => p.Name).ToListAsync(ct);
                return Lines(payment, customer, names);
            }, ct);
            return lines is null ? ApiErrors.NotFound("Invoice for payment", paymentId) : Results.File(InvoicePdf.Render(lines), "application/pdf", $"invoice-{paymentId}.pdf");
        });
    }

    private static List<string> Lines(SbPayment payment, SbCustomer customer, List<string> products) =>
    [
        "Invoice (Dodo Payments sandbox, not a real payment)",
        "",
        $"Invoice for payment {payment.Id}",
        $"Date: {payment.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
        $"Billed to: {customer.Name} <{customer.Email}>",
        $"For: {string.Join(", ", products)}",
        $"Total: {Checkout.CheckoutPageHtml.Money(payment.TotalAmount, payment.Currency)} {payment.Currency} (tax {Checkout.CheckoutPageHtml.Money(payment.Tax, payment.Currency)})",
        $"Paid by card ending {payment.CardLast4}",
    ];
}
