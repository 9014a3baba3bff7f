using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;

namespace Storefront.Web.Tests;

/// <summary>
/// Migrations are written by hand (ADR-0003). This is the guard: the schema the migrations build must equal the
/// schema EF builds straight from the model, table by table, column by column, index by index.
/// </summary>
public sealed class SchemaTests
{
    [Fact]
    public async Task Migrate_OnEmptyDatabase_BuildsTheSameSchemaAsEnsureCreated()
    {
        var ct = TestContext.Current.CancellationToken;
        var migrated = await SchemaOfAsync(db => db.Database.MigrateAsync(ct));
        var created = await SchemaOfAsync(db => db.Database.EnsureCreatedAsync(ct));

        migrated.Remove("__EFMigrationsHistory");
        migrated.Remove("__EFMigrationsLock");
        Assert.Equal(created.Keys.Order(), migrated.Keys.Order());
        foreach (var table in created.Keys)
        {
            Assert.Equal(created[table], migrated[table]);
        }
    }

    [Fact]
    public async Task Migrate_AppliesEveryMigrationInTheAssembly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = NewContext(NewDatabasePath());
        await db.Database.MigrateAsync(ct);

        var pending = await db.Database.GetPendingMigrationsAsync(ct);
        Assert.Empty(pending);
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync(ct));
    }

    private static async Task<Dictionary<string, List<string>>> SchemaOfAsync(Func<StorefrontDbContext, Task> build)
    {
        var path = NewDatabasePath();
        await using (var db = NewContext(path))
        {
            await build(db);
        }

        var schema = new Dictionary<string, List<string>>();
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        foreach (var table in await ReadAsync(connection, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"))
        {
            var facts = new List<string>();
            facts.AddRange(await ReadAsync(connection,
                $"SELECT name || ' ' || type || ' notnull=' || \"notnull\" || ' pk=' || pk || ' default=' || ifnull(dflt_value, '') FROM pragma_table_info('{table}') ORDER BY name"));
            facts.AddRange(await ReadAsync(connection,
                $"SELECT 'index ' || il.name || ' unique=' || il.\"unique\" || ' on ' || group_concat(ii.name, ',') FROM pragma_index_list('{table}') il JOIN pragma_index_info(il.name) ii GROUP BY il.name ORDER BY il.name"));
            facts.AddRange(await ReadAsync(connection,
                $"SELECT 'fk ' || \"from\" || ' -> ' || \"table\" || '.' || \"to\" || ' on delete ' || on_delete FROM pragma_foreign_key_list('{table}') ORDER BY \"from\""));
            schema[table] = facts;
        }

        SqliteConnection.ClearAllPools();
        return schema;
    }

    private static async Task<List<string>> ReadAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static string NewDatabasePath() =>
        Path.Combine(Path.GetTempPath(), $"storefront-schema-{Guid.NewGuid():N}.db");

    private static StorefrontDbContext NewContext(string path) => new SqliteContexts(path).CreateDbContext();
}
