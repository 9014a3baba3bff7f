using Microsoft.AspNetCore.Http;

namespace Dodo.Sandbox;

/// <summary>
/// The sandbox's own pages (hosted checkout, console): plain HTML with an inline stylesheet and no script. They say so
/// in their Content-Security-Policy and refuse to be framed, so another site cannot overlay a checkout or the console.
/// </summary>
internal static class SandboxHtml
{
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";

    public static IResult Page(string html, int statusCode = StatusCodes.Status200OK) => new HtmlPageResult(html, statusCode);

    private sealed class HtmlPageResult(string html, int statusCode) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var headers = httpContext.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers.CacheControl = "no-store";
            return Results.Content(html, "text/html; charset=utf-8", statusCode: statusCode).ExecuteAsync(httpContext);
        }
    }
}
