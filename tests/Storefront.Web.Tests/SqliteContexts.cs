using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Storefront.Web.Data;

namespace Storefront.Web.Tests;

/// <summary>Contexts on one SQLite file, built as the store builds its own (without booting the app).</summary>
internal sealed class SqliteContexts(string path) : IDbContextFactory<StorefrontDbContext>
{
    public StorefrontDbContext CreateDbContext() => new(
        new DbContextOptionsBuilder<StorefrontDbContext>()
            .UseSqlite($"Data Source={path}")
            .UseApplicationServiceProvider(Storefront.Web.Identity.IdentityRegistration.ModelServices())
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options);
}
