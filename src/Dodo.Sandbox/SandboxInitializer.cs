using Dodo.Sandbox.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace Dodo.Sandbox;

/// <summary>Creates the sandbox's database, restores its clock and makes sure the host's catalog exists at "Dodo".</summary>
internal sealed class SandboxInitializer(
    IDbContextFactory<SandboxDbContext> dbFactory, SandboxClock clock, SandboxCatalog catalog) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.EnsureCreatedAsync(cancellationToken);

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
                CreatedAt = now,
                UpdatedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
