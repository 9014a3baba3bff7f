namespace Storefront.Web.Features.Licenses;

/// <summary>
/// A licence key Dodo issued for one of the customer's purchases (from license_key.created). Matched to the customer
/// by their Dodo customer id, so it is kept whether it arrives before or after the payment's own webhook.
/// </summary>
public sealed class LicenseKeyRecord
{
    /// <summary>Dodo's licence key id ("lic_…").</summary>
    public required string Id { get; init; }

    public required string Key { get; init; }

    public required string Status { get; set; }

    public required string DodoCustomerId { get; init; }

    public required string DodoProductId { get; init; }

    public required string PaymentId { get; init; }

    /// <summary>Null: unlimited activations.</summary>
    public int? ActivationsLimit { get; init; }

    public DateTime CreatedAt { get; init; }
}
