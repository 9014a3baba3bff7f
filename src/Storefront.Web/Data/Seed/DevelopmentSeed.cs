using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Web.Identity;

namespace Storefront.Web.Data.Seed;

/// <summary>Demo data for Development only: the catalog and one customer and one admin account.</summary>
internal static class DevelopmentSeed
{
    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await SeedCatalogAsync(services.GetRequiredService<IDbContextFactory<StorefrontDbContext>>(), cancellationToken);

        var demo = services.GetRequiredService<IOptions<DemoAccountsOptions>>().Value;
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        await EnsureUserAsync(users, demo.CustomerEmail, demo.CustomerPassword, "Demo Customer", Roles.Customer);
        await EnsureUserAsync(users, demo.AdminEmail, demo.AdminPassword, "Demo Admin", Roles.Admin);
    }

    private static async Task SeedCatalogAsync(
        IDbContextFactory<StorefrontDbContext> dbFactory, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.Products.Select(p => p.Id).ToListAsync(cancellationToken);
        var missing = CatalogSeed.Products().Where(p => !existing.Contains(p.Id)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        db.Products.AddRange(missing);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task EnsureUserAsync(
        UserManager<ApplicationUser> users, string email, string password, string displayName, string role)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
            IdentityResultGuard.ThrowIfFailed(await users.CreateAsync(user, password), $"create demo user {email}");
        }

        if (!await users.IsInRoleAsync(user, role))
        {
            IdentityResultGuard.ThrowIfFailed(await users.AddToRoleAsync(user, role), $"add {email} to {role}");
        }
    }
}
