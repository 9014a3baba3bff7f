using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Web.Data.Seed;

namespace Storefront.Web.Data;

/// <summary>
/// Brings the database to the current schema before the app takes requests, then seeds what must exist:
/// the roles always, the demo catalog and accounts only in Development.
/// </summary>
internal sealed class DatabaseInitializer(
    IServiceScopeFactory scopes,
    IHostEnvironment environment,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;

        if (options.Value.MigrateOnStartup)
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<StorefrontDbContext>>()
                .CreateDbContextAsync(cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }

        await UseWriteAheadLogAsync(services, cancellationToken);

        await RoleSeed.EnsureRolesAsync(services.GetRequiredService<RoleManager<IdentityRole>>());

        if (environment.IsDevelopment())
        {
            await DevelopmentSeed.RunAsync(services, cancellationToken);
            logger.LogInformation("Development seed applied: demo catalog and demo accounts are ready.");
        }
    }

    /// <summary>
    /// SQLite in WAL mode: readers never wait for the writer and a commit appends to the log instead of rewriting
    /// pages (ADR-0016). The mode is stored in the database file, so this is a no-op after the first start.
    /// </summary>
    private static async Task UseWriteAheadLogAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
