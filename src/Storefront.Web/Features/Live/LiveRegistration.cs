using Microsoft.Extensions.Options;
using Npgsql;
using Storefront.Web.Data;

namespace Storefront.Web.Features.Live;

public static class LiveRegistration
{
    /// <summary>
    /// Live page updates: one notifier per process, pages subscribe per customer; on PostgreSQL, changes also travel
    /// between instances through LISTEN/NOTIFY. The provider is read when first needed, as the database's own is.
    /// </summary>
    public static WebApplicationBuilder AddLiveUpdates(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CustomerChanges>();
        builder.Services.AddSingleton<InstanceIdentity>();
        builder.Services.AddSingleton(services => NpgsqlDataSource.Create(DataRegistration.ResolveConnectionString(
            services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>(), DatabaseProvider.Postgres)));
        builder.Services.AddSingleton<ICustomerChangeRelay>(services =>
            services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.Postgres
                ? ActivatorUtilities.CreateInstance<PostgresChangeRelay>(services)
                : new SingleInstanceRelay());
        builder.Services.AddHostedService<PostgresChangeListener>();
        return builder;
    }
}
