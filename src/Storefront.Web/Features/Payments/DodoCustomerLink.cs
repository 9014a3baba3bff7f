using Dodo.Payments;
using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;

namespace Storefront.Web.Features.Payments;

/// <summary>
/// Links a store account to a Dodo customer: created at Dodo on the first purchase, reused for every later one
/// (so saved cards belong to the right customer and one-click works).
/// </summary>
public sealed class DodoCustomerLink(IDbContextFactory<StorefrontDbContext> dbFactory, DodoClient dodo)
{
    public async Task<string> EnsureAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken);
        if (user.DodoCustomerId is not null)
        {
            return user.DodoCustomerId;
        }

        var created = await dodo.CreateCustomerAsync(new CreateCustomerRequest
        {
            Email = user.Email!,
            Name = user.DisplayName ?? user.Email!,
            Metadata = new() { ["storefront_user_id"] = user.Id },
        }, cancellationToken);

        // Two first purchases racing: only the first link is kept; the other request uses it too.
        await db.Users.Where(u => u.Id == userId && u.DodoCustomerId == null)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.DodoCustomerId, created.CustomerId), cancellationToken);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.DodoCustomerId!).SingleAsync(cancellationToken);
    }

    public async Task<string?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.DodoCustomerId).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<string?> UserIdForCustomerAsync(string dodoCustomerId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.Where(u => u.DodoCustomerId == dodoCustomerId).Select(u => u.Id).SingleOrDefaultAsync(cancellationToken);
    }
}
