namespace Dodo.Sandbox.Billing;

internal static class BillingPeriods
{
    public static DateTime Next(DateTime from, string interval, int count) => interval switch
    {
        "Day" => from.AddDays(count),
        "Week" => from.AddDays(7 * count),
        "Month" => from.AddMonths(count),
        "Year" => from.AddYears(count),
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, "Unknown TimeInterval."),
    };
}
