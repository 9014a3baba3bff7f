using Storefront.Web.Features.Admin.Analytics;
using Storefront.Web.Features.Admin.Experiments;

namespace Storefront.Web.Features.Admin;

public static class AdminRegistration
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AdminDashboardService>();
        builder.Services.AddScoped<Rules.UpsellRuleAdmin>();
        builder.Services.AddScoped<Analytics.OfferAnalytics>();
        builder.Services.AddScoped<Experiments.ExperimentAdmin>();
        builder.Services.AddScoped<Experiments.ExperimentResults>();
        builder.Services.AddScoped<Retention.RetentionAdmin>();
        builder.Services.AddScoped<Trials.TrialReport>();
        builder.Services.AddScoped<Usage.UsageRuleAdmin>();
        builder.Services.AddScoped<WebhookLog.WebhookLogQuery>();
        builder.Services.AddScoped<DryRun.DryRunService>();
        builder.Services.AddScoped<Storefront.Web.Features.Audit.AuditTrail>();
        return builder;
    }

    public static WebApplication MapAdminEndpoints(this WebApplication app)
    {
        app.MapAnalyticsCsv();
        app.MapExperimentCsv();
        app.MapGet("/admin/retention.csv", async (Retention.RetentionAdmin retention, CancellationToken cancellationToken) =>
            Results.File(System.Text.Encoding.UTF8.GetBytes(Retention.RetentionAdmin.ToCsv(await retention.ResultsAsync(cancellationToken))), "text/csv", "retention.csv"))
            .RequireAuthorization(Storefront.Web.Identity.Policies.Admin);
        app.MapGet("/admin/trials.csv", async (Trials.TrialReport trials, CancellationToken cancellationToken) =>
            Results.File(System.Text.Encoding.UTF8.GetBytes(Trials.TrialReport.ToCsv(await trials.ResultsAsync(cancellationToken))), "text/csv", "trials.csv"))
            .RequireAuthorization(Storefront.Web.Identity.Policies.Admin);
        return app;
    }
}
