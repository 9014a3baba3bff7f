using System.Text.Json;
using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;
using Storefront.Web.Features.Orders;

namespace Storefront.Web.Features.Payments;

/// <summary>
/// The billing address a one-click charge sends: the one Dodo recorded on the customer's own latest paid order.
/// Dodo is merchant of record and taxes by it, so nothing stands in for it: without a complete one on file, the offer
/// goes through Dodo's checkout, where the customer types it.
/// </summary>
public static class CustomerBilling
{
    public static string Serialize(BillingAddress address) => JsonSerializer.Serialize(address);

    public static async Task<BillingAddress?> LatestAsync(StorefrontDbContext db, string userId, CancellationToken cancellationToken)
    {
        var stored = await db.Orders.AsNoTracking()
            .Where(o => o.UserId == userId && o.Status == OrderStatus.Paid && o.BillingAddress != null)
            .OrderByDescending(o => o.PaidAt).Select(o => o.BillingAddress).FirstOrDefaultAsync(cancellationToken);
        var address = stored is null ? null : JsonSerializer.Deserialize<BillingAddress>(stored);
        return address is { Country.Length: > 0, Street.Length: > 0, City.Length: > 0, Zipcode.Length: > 0 } ? address : null;
    }
}
