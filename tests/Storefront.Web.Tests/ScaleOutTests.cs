using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Testing;
using Storefront.Web.Data;
using Storefront.Web.Features.Live;

namespace Storefront.Web.Tests;

/// <summary>Two instances of the store on one PostgreSQL database act as one: live updates and the key ring are shared.</summary>
public sealed class ScaleOutTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string? database;
    private StorefrontAppFactory? instanceA;
    private StorefrontAppFactory? instanceB;

    public ValueTask InitializeAsync()
    {
        if (!string.IsNullOrWhiteSpace(Postgres.Server))
        {
            database = Postgres.NewDatabase();
            instanceA = OnSharedDatabase();
            _ = instanceA.Services; // started (and migrated) before the second instance
            instanceB = OnSharedDatabase();
            _ = instanceB.Services;
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in new[] { instanceA, instanceB })
        {
            if (instance is not null)
            {
                await instance.DisposeAsync();
            }
        }

        if (database is not null)
        {
            await Postgres.DropAsync(database);
        }
    }

    [Fact]
    public async Task AChangeOnInstanceA_ReachesTheCustomersPageOnInstanceB()
    {
        Postgres.SkipWhenUnavailable();
        var toldOnB = 0;
        using var pageOnB = instanceB!.Services.GetRequiredService<CustomerChanges>().Subscribe("customer-on-b", () =>
        {
            Interlocked.Increment(ref toldOnB);
            return Task.CompletedTask;
        });
        var changesOnA = instanceA!.Services.GetRequiredService<CustomerChanges>();

        // B starts listening in the background: A tells again until B has heard (each round is one NOTIFY).
        await Wait.UntilAsync(async () =>
        {
            await changesOnA.NotifyAsync("customer-on-b");
            return Volatile.Read(ref toldOnB) > 0;
        }, "instance B's page told about a change made on instance A");
    }

    [Fact]
    public async Task AChangeOnInstanceA_DoesNotReachOtherCustomersPages()
    {
        Postgres.SkipWhenUnavailable();
        var otherTold = 0;
        var sameTold = 0;
        var changesOnB = instanceB!.Services.GetRequiredService<CustomerChanges>();
        using var otherPage = changesOnB.Subscribe("someone-else", () => { Interlocked.Increment(ref otherTold); return Task.CompletedTask; });
        using var samePage = changesOnB.Subscribe("the-customer", () => { Interlocked.Increment(ref sameTold); return Task.CompletedTask; });
        var changesOnA = instanceA!.Services.GetRequiredService<CustomerChanges>();

        await Wait.UntilAsync(async () =>
        {
            await changesOnA.NotifyAsync("the-customer");
            return Volatile.Read(ref sameTold) > 0;
        }, "the customer's page on B told");

        Assert.Equal(0, Volatile.Read(ref otherTold));
    }

    [Fact]
    public async Task CookiesAndTokensProtectedOnInstanceA_AreReadOnInstanceB_FromTheKeyRingInTheDatabase()
    {
        Postgres.SkipWhenUnavailable();
        const string purpose = "Microsoft.AspNetCore.Authentication.Cookies";

        var protectedOnA = instanceA!.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Protect("signed in");
        var readOnB = instanceB!.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Unprotect(protectedOnA);

        Assert.Equal("signed in", readOnB);
        await using var db = await instanceA.Services.GetRequiredService<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(Ct);
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync(Ct));
    }

    private StorefrontAppFactory OnSharedDatabase() => new StorefrontAppFactory()
        .WithSetting("Database:Provider", "Postgres")
        .WithSetting("ConnectionStrings:Storefront", database);
}
