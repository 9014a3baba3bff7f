using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Storefront.Web.Data;

public static class DataRegistration
{
    public const string ConnectionStringName = "Storefront";

    public static WebApplicationBuilder AddStorefrontData(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Resolved when the first context is made, so configuration added late (tests, hosting) is seen. Pooled: the
        // background workers and pages create a context per unit of work, and a pooled one is reset, not rebuilt.
        builder.Services.AddPooledDbContextFactory<StorefrontDbContext>((services, options) =>
        {
            var provider = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value.Provider;
            var connectionString = ResolveConnectionString(
                services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>(), provider);
            _ = provider switch
            {
                DatabaseProvider.Sqlite => options.UseSqlite(connectionString).AddInterceptors(SqliteBusyTimeout.Instance),
                DatabaseProvider.Postgres => options.UseNpgsql(connectionString),
                _ => throw new InvalidOperationException($"Unknown database provider {provider}."),
            };

            // Migrations are written by hand without a model snapshot (EF's design package is not obtainable
            // here), so EF cannot diff the model; a test compares the migrated schema with the model instead.
            options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        });

        // Identity's stores take the context from the request's scope.
        builder.Services.AddScoped(services => services.GetRequiredService<IDbContextFactory<StorefrontDbContext>>().CreateDbContext());
        builder.Services.AddHostedService<DatabaseInitializer>();

        // The key ring lives in the database (ADR-0017): instances behind one proxy accept each other's cookies and
        // antiforgery tokens, and a restart or a new container signs no one out. One application name, so that
        // instances installed in different folders share keys.
        builder.Services.AddDataProtection()
            .SetApplicationName("Storefront")
            .PersistKeysToDbContext<StorefrontDbContext>();
        return builder;
    }

    /// <summary>
    /// ConnectionStrings:Storefront when set; otherwise, for SQLite, a file in the app's data folder
    /// (created on first run).
    /// </summary>
    internal static string ResolveConnectionString(
        IConfiguration configuration, IHostEnvironment environment, DatabaseProvider provider)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is required when Database:Provider is {provider}.");
        }

        var dataFolder = Path.Combine(environment.ContentRootPath, "data");
        Directory.CreateDirectory(dataFolder);
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataFolder, "storefront.db") }.ToString();
    }
}
