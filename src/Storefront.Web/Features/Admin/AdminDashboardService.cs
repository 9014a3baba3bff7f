using Microsoft.EntityFrameworkCore;
using Storefront.Domain.Catalog;
using Storefront.Web.Data;
using Storefront.Web.Identity;

namespace Storefront.Web.Features.Admin;

public sealed class AdminDashboardService(IDbContextFactory<StorefrontDbContext> dbFactory)
{
    public sealed record Summary(int ProductsForSale, int Plans, int Customers);

    public async Task<Summary> SummarizeAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var forSale = await db.Products.CountAsync(p => !p.IsArchived, cancellationToken);
        var plans = await db.Products.CountAsync(p => !p.IsArchived && p.Kind == ProductKind.Subscription, cancellationToken);
        var customers = await (
            from userRole in db.UserRoles
            join role in db.Roles on userRole.RoleId equals role.Id
            where role.Name == Roles.Customer
            select userRole.UserId).CountAsync(cancellationToken);
        return new Summary(forSale, plans, customers);
    }
}
