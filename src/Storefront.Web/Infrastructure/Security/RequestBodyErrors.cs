namespace Storefront.Web.Infrastructure.Security;

/// <summary>
/// A request whose body is too slow, cut off or malformed is the client's fault: Kestrel raises
/// <see cref="BadHttpRequestException"/> with the right 4xx (408 for a body slower than the minimum rate, 400 for a
/// truncated one). Answer that status instead of letting it become a logged 500, in every environment.
/// </summary>
internal static partial class RequestBodyErrors
{
    public static IApplicationBuilder UseRequestBodyErrors(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestBodyErrors));
        return app.Use(async (http, next) =>
        {
            try
            {
                await next(http);
            }
            catch (BadHttpRequestException bad) when (!http.Response.HasStarted)
            {
                LogBadRequest(logger, http.Request.Method, http.Request.Path, bad.StatusCode, bad.Message);
                http.Response.Clear();
                http.Response.StatusCode = bad.StatusCode;
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path}: bad request body ({Status}): {Reason}")]
    private static partial void LogBadRequest(ILogger logger, string method, string path, int status, string reason);
}
