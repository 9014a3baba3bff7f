namespace Storefront.Domain.Offers;

/// <summary>
/// An offer that follows a purchase (an upsell or its downsell) may close a set number of minutes after that purchase.
/// The deadline is fixed when the offer is first shown and decided by the server's clock, never the browser's.
/// </summary>
public static class OfferExpiry
{
    /// <summary>A week: the longest an admin can keep an expiring offer open.</summary>
    public const int MaxMinutes = 7 * 24 * 60;

    /// <summary>When the offer closes, or null when it stays open (no limit set, or a cross-sell, which follows no purchase).</summary>
    public static DateTime? Deadline(OfferKind kind, DateTime purchasedAt, int? minutes) =>
        kind != OfferKind.CrossSell && minutes is > 0 ? purchasedAt.AddMinutes(minutes.Value) : null;

    /// <summary>True from the deadline on: an accept at that instant is already too late.</summary>
    public static bool HasExpired(DateTime? deadline, DateTime now) => deadline is { } closesAt && now >= closesAt;

    /// <summary>What a countdown shows: "9:05", "1:02:03"; "0:00" once the time is up. Seconds are rounded up, so "0:00" means closed.</summary>
    public static string Remaining(DateTime deadline, DateTime now)
    {
        var seconds = Math.Max(0, (long)Math.Ceiling((deadline - now).TotalSeconds));
        var (hours, minutes, rest) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        return hours > 0 ? $"{hours}:{minutes:00}:{rest:00}" : $"{minutes}:{rest:00}";
    }

    /// <summary>The admin's limit, checked: null (no limit) or 1 minute to a week; otherwise why not.</summary>
    public static string? Problem(OfferKind kind, int? minutes) => minutes switch
    {
        null => null,
        _ when kind == OfferKind.CrossSell => "A cross-sell follows no purchase, so it cannot expire after one. Leave this empty.",
        < 1 or > MaxMinutes => $"An offer can close 1 to {MaxMinutes:N0} minutes (a week) after the purchase.",
        _ => null,
    };
}
