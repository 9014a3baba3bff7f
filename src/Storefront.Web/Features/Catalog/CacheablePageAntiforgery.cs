using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OutputCaching;

namespace Storefront.Web.Features.Catalog;

/// <summary>
/// Blazor issues the antiforgery cookie on every page it renders, form or not (RazorComponentEndpointInvoker calls
/// GetAndStoreTokens when the response starts), and a response that sets a cookie is never output-cached. The catalog
/// and product pages an anonymous visitor sees hold no form and no circuit, so they need no token: for them the cookie
/// is not issued, and the page can be cached (<see cref="CatalogPagesCache"/>). Every other page, and these pages for
/// a signed-in customer, issue it as before, so forms keep working wherever they are.
/// </summary>
internal sealed class CacheablePageAntiforgery(IAntiforgery inner) : IAntiforgery
{
    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) =>
        IsCacheableAnonymousPage(httpContext) ? inner.GetTokens(httpContext) : inner.GetAndStoreTokens(httpContext);

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => inner.GetTokens(httpContext);

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);

    public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);

    public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);

    private static bool IsCacheableAnonymousPage(HttpContext httpContext) =>
        HttpMethods.IsGet(httpContext.Request.Method)
        && httpContext.User.Identity?.IsAuthenticated != true
        && httpContext.GetEndpoint()?.Metadata.GetMetadata<OutputCacheAttribute>()?.PolicyName == CatalogPagesCache.Policy;

    /// <summary>Wraps the framework's registered <see cref="IAntiforgery"/> (call after AddRazorComponents).</summary>
    public static void Decorate(IServiceCollection services)
    {
        var framework = services.Last(d => d.ServiceType == typeof(IAntiforgery));
        services.Remove(framework);
        services.Add(ServiceDescriptor.Describe(typeof(IAntiforgery),
            provider => new CacheablePageAntiforgery(Create(provider, framework)), framework.Lifetime));
    }

    private static IAntiforgery Create(IServiceProvider provider, ServiceDescriptor framework) =>
        (IAntiforgery)(framework.ImplementationInstance
            ?? framework.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, framework.ImplementationType!));
}
