using Dodo.Sandbox.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace Dodo.Sandbox;

/// <summary>Creates the sandbox's database, restores its clock and makes sure the host's catalog exists at "Dodo".</summary>
/// <remarks>
/// The schema is made by EnsureCreated (a test double needs no migrations) and stamped with <see cref="SchemaVersion"/>.
/// A file from another version is refused with instructions rather than half-read: bump the number whenever an
/// entity changes.
/// </remarks>
internal sealed class SandboxInitializer(
    IDbContextFactory<SandboxDbContext> dbFactory, SandboxClock clock, SandboxCatalog catalog) : IHostedService
{
    public const int SchemaVersion = 7;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Database.EnsureCreatedAsync(cancellationToken))
        {
            await db.Database.ExecuteSqlRawAsync($"PRAGMA user_version = {SchemaVersion}", cancellationToken);
        }
        else
        {
            var version = await db.Database.SqlQueryRaw<int>("SELECT user_version AS Value FROM pragma_user_version").SingleAsync(cancellationToken);
            if (version != SchemaVersion)
            {
                throw new InvalidOperationException(
                    $"The Dodo sandbox's database ({db.Database.GetDbConnection().DataSource}) was made by another version of the sandbox " +
                    $"(schema {version}, this one needs {SchemaVersion}). Reset the demo: stop the store and delete its data folder " +
                    "(the store's database, the sandbox's database and the mail folder go together).");
            }
        }

        var state = await db.Clock.FirstOrDefaultAsync(c => c.Id == 1, cancellationToken);
        if (state is null)
        {
            db.Clock.Add(new SbClockState());
        }
        else
        {
            clock.Restore(TimeSpan.FromTicks(state.OffsetTicks));
        }

        var known = await db.Products.Select(p => p.Id).ToListAsync(cancellationToken);
        var now = clock.UtcNow;
        foreach (var product in catalog.Products.Where(p => !known.Contains(p.ProductId)))
        {
            db.Products.Add(new SbProduct
            {
                Id = product.ProductId,
                Name = product.Name,
                Description = product.Description,
                IsRecurring = product.IsRecurring,
                Price = product.Price,
                Currency = product.Currency,
                Interval = product.Interval,
                TaxCategory = product.TaxCategory,
                TermCount = product.TermCount,
                TermInterval = product.TermInterval,
                LicenseKeyEnabled = product.LicenseKeyActivationsLimit is not null,
                LicenseKeyActivationsLimit = product.LicenseKeyActivationsLimit,
                TrialPeriodDays = product.TrialPeriodDays,
                CreatedAt = now,
                UpdatedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
