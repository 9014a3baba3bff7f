namespace Storefront.Web.Features.Usage;

/// <summary>The latest usage the merchant's app reported for one customer and metric ("projects: 5 of 5").</summary>
public sealed class UsageReport
{
    public long Id { get; init; }

    public required string UserId { get; init; }

    public required string Metric { get; init; }

    public int Used { get; set; }

    /// <summary>The customer's limit under their plan, as the app knows it.</summary>
    public int Limit { get; set; }

    public DateTime ReportedAt { get; set; }
}
