namespace Storefront.Web.Infrastructure.Security;

/// <summary>
/// Cookie-authenticated requests that could act for the customer must come from the store's own pages: the Blazor
/// hub (a circuit runs as the signed-in customer) and every state-changing JSON API call. A browser says where a
/// request comes from (<c>Sec-Fetch-Site</c>, <c>Origin</c>); a foreign one gets 403 before anything runs. A request
/// with neither header is not a browser acting on another site's behalf, so it carries no victim's cookie.
/// </summary>
internal static class SameOriginGuard
{
    public static IApplicationBuilder UseSameOriginGuard(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (IsGuarded(http.Request) && IsFromAnotherSite(http.Request, http.RequestServices.GetRequiredService<StoreAddress>()))
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused",
                    detail: "This request must come from the store's own pages.").ExecuteAsync(http);
                return;
            }

            await next(http);
        });

    private static bool IsGuarded(HttpRequest request) =>
        request.Path.StartsWithSegments("/_blazor")
        || (request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            && !HttpMethods.IsOptions(request.Method));

    internal static bool IsFromAnotherSite(HttpRequest request, StoreAddress address)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite is "cross-site" or "same-site")
        {
            return true;
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return false;
        }

        var own = address.Origin ?? $"{request.Scheme}://{request.Host}";
        return !string.Equals(origin, own, StringComparison.OrdinalIgnoreCase);
    }
}
