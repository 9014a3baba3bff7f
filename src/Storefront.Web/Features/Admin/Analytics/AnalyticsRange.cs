using System.Globalization;

namespace Storefront.Web.Features.Admin.Analytics;

/// <summary>The date range of the analytics page and CSV: the last 30 days unless given; at most a year.</summary>
public static class AnalyticsRange
{
    public static (DateOnly From, DateOnly To, string? Error) Parse(string? from, string? to, DateOnly today)
    {
        var end = today;
        var start = today.AddDays(-29);
        if (!string.IsNullOrEmpty(to) && !DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out end))
        {
            return (start, today, "The end date must look like 2026-11-21.");
        }

        if (!string.IsNullOrEmpty(from) && !DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
        {
            return (today.AddDays(-29), end, "The start date must look like 2026-11-01.");
        }

        if (start > end)
        {
            return (start, end, "The start date must be on or before the end date.");
        }

        return end.DayNumber - start.DayNumber > 366 ? (start, end, "Choose a range of at most a year.") : (start, end, null);
    }
}
