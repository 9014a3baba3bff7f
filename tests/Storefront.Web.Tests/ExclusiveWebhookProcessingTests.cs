using System.Collections.Concurrent;
using Dodo.Payments.Webhooks;
using Microsoft.EntityFrameworkCore;
using Storefront.Testing;
using Storefront.Web.Data;
using Storefront.Web.Features.Webhooks;

namespace Storefront.Web.Tests;

/// <summary>Two instances of the store on one database process every stored webhook exactly once between them.</summary>
public sealed class ExclusiveWebhookProcessingTests
{
    private const int Events = 150;

    [Fact]
    public async Task TwoProcessors_OneSqliteFile_HandleEveryEventOnce()
    {
        var folder = Path.Combine(Path.GetTempPath(), "storefront-two-instances", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await AssertEachHandledOnceAsync(("Sqlite", $"Data Source={Path.Combine(folder, "shared.db")}"));
    }

    [Fact]
    public async Task TwoProcessors_OnePostgresDatabase_HandleEveryEventOnce()
    {
        Postgres.SkipWhenUnavailable();
        var database = Postgres.NewDatabase();
        try
        {
            await AssertEachHandledOnceAsync(("Postgres", database));
        }
        finally
        {
            await Postgres.DropAsync(database);
        }
    }

    private static async Task AssertEachHandledOnceAsync((string Provider, string ConnectionString) database)
    {
        var handled = new ConcurrentDictionary<int, int>();
        await using var first = Instance(database, handled);
        await using var second = Instance(database, handled);
        first.CreateClient().Dispose(); // starts it: migrations, seed
        second.CreateClient().Dispose();

        var dbFactory = first.Services.GetRequiredService<IDbContextFactory<StorefrontDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var now = DateTime.UtcNow;
            db.WebhookInbox.AddRange(Enumerable.Range(0, Events).Select(n => new WebhookInboxEntry
            {
                WebhookId = $"msg_two_{Guid.NewGuid():N}", EventType = CountingHandler.Type, OccurredAt = now, ReceivedAt = now,
                Payload = $$$"""{"business_id":"bus_test","type":"{{{CountingHandler.Type}}}","timestamp":"2026-11-22T08:00:00Z","data":{"n":{{{n}}}}}""",
            }));
            await db.SaveChangesAsync();
        }

        first.Services.GetRequiredService<WebhookProcessor>().Wake();
        second.Services.GetRequiredService<WebhookProcessor>().Wake();
        await Wait.UntilAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            return await db.WebhookInbox.CountAsync(e => e.EventType == CountingHandler.Type && e.Status == WebhookProcessingStatus.Processed) == Events;
        }, "both processors to drain the inbox", 60_000);

        Assert.Equal(Events, handled.Count);
        Assert.All(handled, pair => Assert.Equal(1, pair.Value));
        Assert.True(handled.Values.Sum() == Events, "no event was handled twice");
    }

    private static StorefrontAppFactory Instance((string Provider, string ConnectionString) database, ConcurrentDictionary<int, int> handled) =>
        new StorefrontAppFactory()
            .WithSetting("Database:Provider", database.Provider)
            .WithSetting("ConnectionStrings:Storefront", database.ConnectionString)
            .WithServices(services => services.AddScoped<IWebhookHandler>(_ => new CountingHandler(handled)));

    /// <summary>Counts how often each event is handled, across both instances, and takes a little time as real handlers do.</summary>
    private sealed class CountingHandler(ConcurrentDictionary<int, int> handled) : IWebhookHandler
    {
        public const string Type = "test.counted";

        public IReadOnlyCollection<string> EventTypes { get; } = [Type];

        public async Task<WebhookOutcome> HandleAsync(WebhookEvent webhook, CancellationToken cancellationToken)
        {
            handled.AddOrUpdate(webhook.Data.GetProperty("n").GetInt32(), 1, (_, count) => count + 1);
            await Task.Yield();
            return WebhookOutcome.Applied;
        }
    }
}
