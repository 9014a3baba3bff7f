using System.Globalization;
using System.Text;
using Storefront.Domain;
using Storefront.Web.Identity;

namespace Storefront.Web.Features.Admin.Experiments;

public static class ExperimentCsv
{
    /// <summary>GET /admin/experiments/{id}.csv (admins only): one line per arm and currency, amounts in major units.</summary>
    public static IEndpointRouteBuilder MapExperimentCsv(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/experiments/{id:long}.csv", async (long id, ExperimentResults results, CancellationToken cancellationToken) =>
            await results.ReportAsync(id, cancellationToken) is { } report
                ? Results.File(Encoding.UTF8.GetBytes(ToCsv(report)), "text/csv", $"experiment-{id}.csv")
                : Results.NotFound()).RequireAuthorization(Policies.Admin);
        return app;
    }

    public static string ToCsv(ExperimentReport report)
    {
        var csv = new StringBuilder("experiment_id,arm,variant_id,currency,eligible_orders,impressions,accepts,conversions,conversion_rate,"
            + "revenue,revenue_per_eligible_order,incremental_per_eligible_order,ci95_low,ci95_high,reading\n");
        foreach (var result in report.Currencies)
        {
            foreach (var arm in result.Arms)
            {
                var d = arm.Incremental;
                csv.Append(CultureInfo.InvariantCulture,
                    $"{report.ExperimentId},{Csv.Quote(arm.Name)},{arm.VariantId?.ToString(CultureInfo.InvariantCulture) ?? "holdout"},{result.Currency},"
                    + $"{arm.EligibleOrders},{arm.Impressions},{arm.Accepts},{arm.Conversions},{arm.ConversionRate:F4},"
                    + $"{CurrencyFormat.Decimal(arm.Revenue)},{CurrencyFormat.Decimal(arm.RevenuePerEligibleOrder)},"
                    + $"{Amount(arm, d?.Difference)},{Amount(arm, d?.Low)},{Amount(arm, d?.High)},{(arm.IsHoldout ? "" : arm.Reading.ToString())}\n");
            }
        }

        return csv.ToString();
    }

    private static string Amount(ArmResult arm, double? minor) => minor is { } value ? CurrencyFormat.Decimal(arm.AsMoney(value)) : "";
}
