using Dodo.Payments;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;

namespace Storefront.Web.Features.Licenses;

/// <summary>A key as the customer's library shows it. <see cref="Activations"/> is null when Dodo could not be asked.</summary>
public sealed record LicenseView(string Key, string Status, string ProductName, int? ActivationsLimit, IReadOnlyList<string>? Activations, DateTime IssuedAt)
{
    public string ActivationsLabel => Activations is null ? "Activations can't be shown right now."
        : $"{Activations.Count} of {(ActivationsLimit is { } limit ? limit.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unlimited")} activations"
          + (Activations.Count > 0 ? $": {string.Join(", ", Activations)}" : "");
}

/// <summary>
/// The customer's licence keys (kept from Dodo's license_key.created) with their current activations, read from Dodo
/// when the library is opened: activations happen in the customer's software, at Dodo, not in the store.
/// </summary>
public sealed partial class LicenseLibrary(IDbContextFactory<StorefrontDbContext> dbFactory, DodoClient dodo, ILogger<LicenseLibrary> logger)
{
    public async Task<IReadOnlyList<LicenseView>> ForAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var customerId = await db.Users.Where(u => u.Id == userId).Select(u => u.DodoCustomerId).FirstOrDefaultAsync(cancellationToken);
        if (customerId is null)
        {
            return [];
        }

        var keys = await db.LicenseKeys.AsNoTracking().Where(k => k.DodoCustomerId == customerId).OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);
        var products = await db.Products.AsNoTracking().ToListAsync(cancellationToken);
        var views = new List<LicenseView>();
        foreach (var key in keys)
        {
            // An upgrade product's key licenses what it upgrades to ("Team license", not "Team license (upgrade …)").
            var product = products.FirstOrDefault(p => p.DodoProductId == key.DodoProductId);
            var granted = product?.UpgradeToProductId is { } to ? products.FirstOrDefault(p => p.Id == to) ?? product : product;
            views.Add(new LicenseView(key.Key, key.Status, granted?.Name ?? key.DodoProductId, key.ActivationsLimit,
                await ActivationsAsync(key.Id, cancellationToken), key.CreatedAt));
        }

        return views;
    }

    private async Task<IReadOnlyList<string>?> ActivationsAsync(string licenseKeyId, CancellationToken cancellationToken)
    {
        try
        {
            return (await dodo.ListLicenseKeyInstancesAsync(licenseKeyId, cancellationToken)).Items.Select(i => i.Name).ToList();
        }
        catch (Exception unavailable) when (unavailable.IsDodoFailure())
        {
            LogUnavailable(logger, unavailable, licenseKeyId);
            return null; // the key still shows; only its activations wait for Dodo
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Licence key {LicenseKeyId}: Dodo did not list its activations")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string licenseKeyId);
}
