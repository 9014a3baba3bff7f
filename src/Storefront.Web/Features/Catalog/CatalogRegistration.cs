namespace Storefront.Web.Features.Catalog;

public static class CatalogRegistration
{
    public static WebApplicationBuilder AddCatalog(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CatalogService>();
        builder.Services.AddScoped<CatalogSync>();
        builder.Services.AddSingleton<CatalogSyncStatus>();
        builder.Services.AddOptions<CatalogSyncOptions>().BindConfiguration(CatalogSyncOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<CatalogSyncWorker>();
        builder.Services.AddOutputCache(CatalogPagesCache.AddPolicy);
        builder.Services.AddSingleton<CatalogPagesCache>();
        CacheablePageAntiforgery.Decorate(builder.Services);
        return builder;
    }
}
