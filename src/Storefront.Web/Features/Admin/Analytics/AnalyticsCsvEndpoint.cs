using System.Text;
using Storefront.Web.Identity;

namespace Storefront.Web.Features.Admin.Analytics;

public static class AnalyticsCsvEndpoint
{
    /// <summary>GET /admin/analytics.csv?from=yyyy-MM-dd&amp;to=yyyy-MM-dd (admins only).</summary>
    public static IEndpointRouteBuilder MapAnalyticsCsv(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/analytics.csv", async (string? from, string? to, OfferAnalytics analytics, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var (start, end, error) = AnalyticsRange.Parse(from, to, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
            if (error is not null)
            {
                return Results.Problem(detail: error, statusCode: StatusCodes.Status400BadRequest);
            }

            var report = await analytics.ReportAsync(start, end, cancellationToken);
            return Results.File(Encoding.UTF8.GetBytes(OfferAnalytics.ToCsv(report)), "text/csv", $"offers-{start:yyyyMMdd}-{end:yyyyMMdd}.csv");
        }).RequireAuthorization(Policies.Admin);
        return app;
    }
}
