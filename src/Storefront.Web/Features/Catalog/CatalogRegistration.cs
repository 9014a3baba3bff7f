namespace Storefront.Web.Features.Catalog;

public static class CatalogRegistration
{
    public static WebApplicationBuilder AddCatalog(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CatalogService>();
        return builder;
    }
}
