using Dodo.Payments;
using Dodo.Payments.Models;
using Storefront.Domain;
using Storefront.Web.Features.Payments;

namespace Storefront.Web.Features.Account;

/// <summary>One of the customer's payments at Dodo (purchases, renewals and plan changes alike), with its invoice once paid.</summary>
public sealed record BillingPayment(DateTime Date, Money Amount, string Status, string? For, Uri? Invoice);

/// <summary>
/// The customer's payments as Dodo lists them, with links to Dodo's invoices, and a link into Dodo's own hosted billing
/// portal. Read when the page opens; if Dodo can't be asked, the page says so and the rest of it still works.
/// </summary>
public sealed partial class BillingHistory(DodoClient dodo, DodoCustomerLink customers, ILogger<BillingHistory> logger)
{
    /// <returns>Null when Dodo could not be asked.</returns>
    public async Task<IReadOnlyList<BillingPayment>?> PaymentsAsync(string userId, CancellationToken cancellationToken)
    {
        if (await customers.FindAsync(userId, cancellationToken) is not { } customerId)
        {
            return [];
        }

        try
        {
            var payments = await dodo.ListPaymentsAsync(new PaymentListQuery { CustomerId = customerId, PageSize = 50 }, cancellationToken);
            return payments.Items.Select(p => new BillingPayment(p.CreatedAt.UtcDateTime, new Money(p.TotalAmount, p.Currency), Words(p.Status),
                p.SubscriptionId is null ? null : "Subscription", p.Status == PaymentStatus.Succeeded ? dodo.PaymentInvoiceUrl(p.PaymentId) : null)).ToList();
        }
        catch (Exception unavailable) when (unavailable.IsDodoFailure())
        {
            LogUnavailable(logger, unavailable);
            return null;
        }
    }

    /// <returns>Dodo's portal for this customer, or null when they have never paid (no Dodo customer yet) or Dodo can't be asked.</returns>
    public async Task<Uri?> PortalAsync(string userId, CancellationToken cancellationToken)
    {
        if (await customers.FindAsync(userId, cancellationToken) is not { } customerId)
        {
            return null;
        }

        try
        {
            return await dodo.CreateCustomerPortalSessionAsync(customerId, cancellationToken);
        }
        catch (Exception unavailable) when (unavailable.IsDodoFailure())
        {
            LogUnavailable(logger, unavailable);
            return null;
        }
    }

    private static string Words(PaymentStatus? status) => status switch
    {
        PaymentStatus.Succeeded => "Paid",
        PaymentStatus.Failed => "Declined",
        PaymentStatus.Cancelled => "Cancelled",
        PaymentStatus.Processing => "Processing",
        null => "Unknown",
        _ => "Pending", // Dodo's other intent states (awaiting the customer or the merchant) are all "not decided yet"
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dodo did not answer for the billing history or portal")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
