using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Storefront.Web.Infrastructure.Security;

/// <summary>
/// ASP.NET Core's rate limiter in front of the requests an attacker repeats: sign-in, registration and email-link
/// form posts, new circuits and webhooks, each per client IP. Limits that need the account (an email typed in a
/// form, a signed-in customer) are in <see cref="AccountRateLimits"/>, checked where that is known.
/// </summary>
internal static class RateLimiting
{
    public static WebApplicationBuilder AddStorefrontRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitSettings>().BindConfiguration(RateLimitSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<AccountRateLimits>();
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitSettings>>((options, settings) =>
        {
            var limits = settings.Value;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, limits));
            options.OnRejected = (context, cancellationToken) => TooManyRequests.WriteAsync(context.HttpContext,
                context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1));
        });
        builder.Services.AddRateLimiter(_ => { });
        return builder;
    }

    private static RateLimitPartition<string> Partition(HttpContext http, RateLimitSettings limits)
    {
        var request = http.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var path = request.Path;
        return path switch
        {
            _ when path.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase) =>
                Window("sign-in:" + ip, limits.SignInsPerIpPerMinute, TimeSpan.FromMinutes(1)),
            _ when path.Equals("/Account/Register", StringComparison.OrdinalIgnoreCase) =>
                Window("register:" + ip, limits.RegistrationsPerIpPerHour, TimeSpan.FromHours(1)),
            _ when path.Equals("/Account/ForgotPassword", StringComparison.OrdinalIgnoreCase)
                || path.Equals("/Account/ResendEmailConfirmation", StringComparison.OrdinalIgnoreCase) =>
                Window("email-link:" + ip, limits.EmailLinksPerIpPerHour, TimeSpan.FromHours(1)),
            _ when path.Equals("/_blazor/negotiate", StringComparison.OrdinalIgnoreCase) =>
                Window("circuit:" + ip, limits.NewCircuitsPerIpPerMinute, TimeSpan.FromMinutes(1)),
            _ when path.StartsWithSegments("/webhooks") => RateLimitPartition.GetTokenBucketLimiter("webhook:" + ip, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.WebhooksPerIpPerSecond * 2,
                TokensPerPeriod = limits.WebhooksPerIpPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
            }),
            _ => RateLimitPartition.GetNoLimiter(""),
        };
    }

    internal static RateLimitPartition<string> Window(string key, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        });
}

/// <summary>The 429 answer: Retry-After in seconds, and a ProblemDetails body for machines or a sentence for people.</summary>
internal static class TooManyRequests
{
    public static async ValueTask WriteAsync(HttpContext http, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var detail = $"Too many requests. Try again in {Describe(retryAfter)}.";
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = detail },
            }))
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(detail);
        }
    }

    public static string Describe(TimeSpan wait) => wait.TotalMinutes >= 1.5
        ? $"{Math.Ceiling(wait.TotalMinutes).ToString(CultureInfo.InvariantCulture)} minutes"
        : $"{Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture)} seconds";
}
