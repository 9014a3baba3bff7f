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
        var dbFactory = services.GetRequiredService<IDbContextFactory<StorefrontDbContext>>();
        await SeedCatalogAsync(dbFactory, cancellationToken);
        await SeedUpsellRulesAsync(dbFactory, cancellationToken);

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

    private static async Task SeedUpsellRulesAsync(IDbContextFactory<StorefrontDbContext> dbFactory, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.UpsellRules.AnyAsync(cancellationToken))
        {
            return;
        }

        var seed = UpsellRuleSeed.Rules(DateTime.UtcNow);
        db.UpsellRules.AddRange(seed.Where(s => s.FollowsIndex is null).Select(s => s.Rule));
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (rule, followsIndex) in seed.Where(s => s.FollowsIndex is not null))
        {
            rule.FollowsRuleId = seed[followsIndex!.Value].Rule.Id;
            db.UpsellRules.Add(rule);
        }

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
