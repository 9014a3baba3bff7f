using Npgsql;
using Storefront.Testing;

namespace Storefront.Web.Tests;

/// <summary>
/// The PostgreSQL server for the scale-out tests: STOREFRONT_TEST_POSTGRES (tests/run.sh starts a local cluster and
/// sets it). Each fixture gets its own database, dropped afterwards.
/// </summary>
internal static class Postgres
{
    public static string? Server => Environment.GetEnvironmentVariable("STOREFRONT_TEST_POSTGRES");

    public static void SkipWhenUnavailable()
    {
        if (string.IsNullOrWhiteSpace(Server))
        {
            Assert.Skip("STOREFRONT_TEST_POSTGRES is not set; tests/run.sh sets it after starting PostgreSQL.");
        }
    }

    public static string NewDatabase() =>
        new NpgsqlConnectionStringBuilder(Server) { Database = "storefront_test_" + Guid.NewGuid().ToString("N")[..12] }.ToString();

    public static async Task DropAsync(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres" }.ToString());
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>The whole store on PostgreSQL (its own database), with the sandbox Dodo, on a loopback port.</summary>
public sealed class PostgresLiveStore() : LiveStore(new StorefrontAppFactory())
{
    private string? connectionString;

    public bool Available => !string.IsNullOrWhiteSpace(Postgres.Server);

    public override ValueTask InitializeAsync()
    {
        if (!Available)
        {
            return ValueTask.CompletedTask;
        }

        connectionString = Postgres.NewDatabase();
        App.WithSetting("Database:Provider", "Postgres").WithSetting("ConnectionStrings:Storefront", connectionString);
        return base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (connectionString is not null)
        {
            await Postgres.DropAsync(connectionString);
        }
    }
}
