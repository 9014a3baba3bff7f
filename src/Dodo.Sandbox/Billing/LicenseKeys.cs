using Dodo.Payments.Webhooks;
using Dodo.Sandbox.Api;
using Dodo.Sandbox.Data;
using Dodo.Sandbox.Webhooks;

namespace Dodo.Sandbox.Billing;

/// <summary>
/// Dodo's licence keys: "issued automatically on payment" (one key per purchase of a licence-enabled product,
/// announced by license_key.created) and "revoked on refund" (a fully refunded payment's keys are disabled).
/// </summary>
internal sealed class LicenseKeys(SandboxClock clock, WebhookOutbox outbox)
{
    public void IssueFor(SandboxDbContext db, SbPayment payment)
    {
        if (payment.Status != "succeeded" || payment.ProductCartJson is null)
        {
            return;
        }

        var productIds = SandboxJson.ParseArray(payment.ProductCartJson).Select(line => (string)line!["product_id"]!).ToList();
        foreach (var product in db.Products.Where(p => productIds.Contains(p.Id) && p.LicenseKeyEnabled).ToList())
        {
            var key = new SbLicenseKey
            {
                Id = SandboxIds.LicenseKey(), Key = Guid.NewGuid().ToString(), CustomerId = payment.CustomerId, ProductId = product.Id,
                PaymentId = payment.Id, ActivationsLimit = product.LicenseKeyActivationsLimit, CreatedAt = clock.UtcNow,
            };
            db.LicenseKeys.Add(key);
            payment.HasLicenseKey = true;
            var data = SandboxJson.LicenseKey(key);
            data["payload_type"] = "LicenseKey";
            outbox.Add(db, WebhookEventTypes.LicenseKeyCreated, data);
        }
    }

    /// <summary>After a refund succeeds: when nothing is left of the payment, its keys stop working.</summary>
    public static void RevokeIfFullyRefunded(SandboxDbContext db, SbRefund settled)
    {
        var payment = db.Payments.Single(p => p.Id == settled.PaymentId);
        var refunded = db.Refunds.Where(r => r.PaymentId == payment.Id && (r.Status == "succeeded" || r.Id == settled.Id)).Sum(r => r.Amount);
        if (refunded < payment.TotalAmount)
        {
            return;
        }

        foreach (var key in db.LicenseKeys.Where(k => k.PaymentId == payment.Id && k.Status == "active").ToList())
        {
            key.Status = "disabled";
        }
    }
}
