using Microsoft.Extensions.FileProviders;

namespace Storefront.Web;

/// <summary>
/// Serves the repository's top-level wwwroot-assets/ folder (the store's own stylesheet and images) under /assets.
/// It is copied beside the binaries at build time and served with a plain file provider, not MapStaticAssets:
/// a linked folder there is served as 0 bytes (dotnet/aspnetcore#66833). See docs/decisions/ADR-0002.
/// </summary>
public static class StoreAssets
{
    public const string RequestPath = "/assets";

    public static string Url(string relativePath) => RequestPath.TrimStart('/') + "/" + relativePath;

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "wwwroot-assets");

    public static WebApplication UseStoreAssets(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Folder),
            RequestPath = RequestPath,
            OnPrepareResponse = context =>
                context.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        return app;
    }
}
