using Dodo.Payments.Models;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Storefront.Web.Data;
using Storefront.Web.Features.Api;
using Storefront.Web.Features.Offers;
using Storefront.Web.Features.Subscriptions;
using Microsoft.Extensions.DependencyInjection;

namespace Storefront.Web.Tests;

/// <summary>The scale-out path: the same hand-written migrations and the money flows on PostgreSQL.</summary>
public sealed class PostgresTests(PostgresLiveStore store) : IClassFixture<PostgresLiveStore>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrate_OnPostgres_BuildsTheSameSchemaAsEnsureCreated()
    {
        Postgres.SkipWhenUnavailable();
        var migrated = Postgres.NewDatabase();
        var created = Postgres.NewDatabase();
        try
        {
            await using (var db = Context(migrated))
            {
                await db.Database.MigrateAsync(Ct);
            }

            await using (var db = Context(created))
            {
                await db.Database.EnsureCreatedAsync(Ct);
            }

            var expected = await SchemaAsync(created);
            var actual = await SchemaAsync(migrated);
            Assert.Equal(expected, actual);
        }
        finally
        {
            await Postgres.DropAsync(migrated);
            await Postgres.DropAsync(created);
        }
    }

    [Fact]
    public async Task ConcurrentAccepts_OnPostgres_ChargeOnce()
    {
        Postgres.SkipWhenUnavailable();
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("starter-course");
        var customerId = await shopper.DodoCustomerIdAsync();
        var offer = (await shopper.Http.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{customerId}", Ct))!.Offer!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            shopper.Http.PostAsJsonAsync($"api/upsell/{customerId}/accept", new { attemptId = offer.AttemptId })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        var attempt = await store.WaitForAsync(db => db.OfferAttempts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == offer.AttemptId),
            a => a.Status == OfferAttemptStatus.Succeeded, "the offer to succeed on PostgreSQL");
        // The money at the sandbox, as in the SQLite twin: one charge for the attempt, of the amount the page showed.
        var charge = Assert.Single(await store.SandboxChargesForAsync(customerId, offer.AttemptId));
        Assert.Equal(offer.Price.Amount, charge.TotalAmount);
        Assert.Equal(charge.TotalAmount, attempt.PaidAmountMinor);
    }

    [Fact]
    public async Task PlanUpgrade_OnPostgres_IsAppliedFromTheWebhook()
    {
        Postgres.SkipWhenUnavailable();
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("basic-plan");
        var subscription = await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == shopper.UserId), s => s.Status == SubscriptionStatus.Active, "the subscription");
        await using var scope = store.Services.CreateAsyncScope();
        var planChanges = scope.ServiceProvider.GetRequiredService<PlanChangeService>();

        var quote = await planChanges.QuoteAsync(shopper.UserId, subscription.DodoSubscriptionId, "pro-plan", Ct);
        var result = await planChanges.ConfirmAsync(shopper.UserId, quote.QuoteId, null, Ct);

        Assert.Equal(ConfirmOutcome.Submitted, result.Outcome);
        await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.DodoSubscriptionId == subscription.DodoSubscriptionId),
            s => s.RecurringAmountMinor == 8000, "the plan change");
    }

    private static StorefrontDbContext Context(string connectionString) => new(
        new DbContextOptionsBuilder<StorefrontDbContext>()
            .UseNpgsql(connectionString)
            .UseApplicationServiceProvider(Storefront.Web.Identity.IdentityRegistration.ModelServices())
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options);

    private static async Task<List<string>> SchemaAsync(string connectionString)
    {
        var facts = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using (var columns = new NpgsqlCommand(
            """
            SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(character_maximum_length::text, '') || ' ' || coalesce(identity_generation, '')
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '\_\_EFMigrations%'
            """, connection))
        await using (var reader = await columns.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                facts.Add(reader.GetString(0));
            }
        }

        await using (var indexes = new NpgsqlCommand(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '\\_\\_EFMigrations%'", connection))
        await using (var reader = await indexes.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                facts.Add(reader.GetString(0));
            }
        }

        facts.Sort(StringComparer.Ordinal);
        return facts;
    }
}
