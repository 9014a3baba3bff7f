using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Storefront.Web.Data;

/// <summary>One context for Identity and the store's own tables (one database, one migration history).</summary>
public sealed class StorefrontDbContext(DbContextOptions<StorefrontDbContext> options)
    : IdentityDbContext<ApplicationUser>(options)
{
    public DbSet<CatalogProduct> Products => Set<CatalogProduct>();

    public DbSet<Features.Webhooks.WebhookInboxEntry> WebhookInbox => Set<Features.Webhooks.WebhookInboxEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(StorefrontDbContext).Assembly);
    }
}
