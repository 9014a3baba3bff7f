using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;

namespace Storefront.Web.Tests;

/// <summary>A test on its own freshly migrated SQLite file, without the app (for services that only need the database); deleted afterwards.</summary>
public abstract class MigratedSqliteTest : IAsyncLifetime
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"storefront-test-{Guid.NewGuid():N}.db");

    protected IDbContextFactory<StorefrontDbContext> Contexts { get; private set; } = default!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Contexts = new SqliteContexts(path);
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        await db.Database.MigrateAsync(Ct);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(path);
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
