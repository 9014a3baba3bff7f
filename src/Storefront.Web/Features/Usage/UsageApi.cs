using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;
using Storefront.Web.Features.Api;
using Storefront.Web.Features.Live;

namespace Storefront.Web.Features.Usage;

/// <param name="CustomerEmail">The customer's email in the store.</param>
/// <param name="Metric">What is counted, such as "projects" (lowercase letters, digits, "_" or "-").</param>
public sealed record UsageRequest(string? CustomerEmail, string? Metric, int? Used, int? Limit);

public sealed record UsageResponse(string Metric, int Used, int Limit, int Percent);

/// <summary>
/// POST /api/usage, for the merchant's own app: "this customer uses 5 of their 5 projects". Authenticated with an API
/// key the admin made (Authorization: Bearer sfk_…), never with a customer's cookie. Keeps the latest report per
/// customer and metric; the customer's next page shows an upgrade when a rule's threshold is reached.
/// </summary>
public static partial class UsageApi
{
    public static IEndpointRouteBuilder MapUsageApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/usage", async (HttpRequest http, UsageRequest request, ApiKeys keys, IDbContextFactory<StorefrontDbContext> dbFactory,
            CustomerChanges changes, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var authorization = http.Headers.Authorization.ToString();
            var presented = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..].Trim() : null;
            if (!await keys.IsValidAsync(presented, cancellationToken))
            {
                return Results.Problem(detail: "Send a valid API key as 'Authorization: Bearer sfk_…'. Keys are made in Admin → Usage.", statusCode: StatusCodes.Status401Unauthorized);
            }

            if (Problem(request) is { } problem)
            {
                return ApiProblem.Of(StatusCodes.Status400BadRequest, "invalid_usage", problem);
            }

            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var email = request.CustomerEmail!.Trim().ToUpperInvariant();
            var userId = await db.Users.Where(u => u.NormalizedEmail == email).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
            if (userId is null)
            {
                return ApiProblem.Of(StatusCodes.Status404NotFound, "unknown_customer", "No customer has that email.");
            }

            var metric = request.Metric!;
            var report = await db.UsageReports.FirstOrDefaultAsync(r => r.UserId == userId && r.Metric == metric, cancellationToken);
            if (report is null)
            {
                report = new UsageReport { UserId = userId, Metric = metric };
                db.UsageReports.Add(report);
            }

            report.Used = request.Used!.Value;
            report.Limit = request.Limit!.Value;
            report.ReportedAt = clock.GetUtcNow().UtcDateTime;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return ApiProblem.Of(StatusCodes.Status409Conflict, "concurrent_report", "Another report for this customer and metric arrived at the same moment; send it again.");
            }

            await changes.NotifyAsync(userId);
            return Results.Accepted(value: new UsageResponse(metric, report.Used, report.Limit, report.Used * 100 / report.Limit));
        }).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    private static string? Problem(UsageRequest request) =>
        string.IsNullOrWhiteSpace(request.CustomerEmail) ? "customerEmail is required."
        : request.Metric is null || !MetricName().IsMatch(request.Metric) ? "metric is 1–40 lowercase letters, digits, '_' or '-'."
        : request.Used is not >= 0 ? "used is a count of 0 or more."
        : request.Limit is not >= 1 ? "limit is the plan's limit, 1 or more."
        : null;

    [GeneratedRegex("^[a-z0-9_-]{1,40}$")]
    private static partial Regex MetricName();
}
